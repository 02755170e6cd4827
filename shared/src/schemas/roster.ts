import { z } from 'zod';
import { idField, input } from './fields';

// Input schemas of the `roster` cloud function (the Excel roster import,
// issue 9 part 5). Strict objects: unknown keys are refused, and every
// message says in Chinese what to do.

/** Longest fileID accepted (`cloud://<env>.<bucket>/<path>`). */
export const MAX_FILE_ID_CHARS = 400;

/** Folder of cloud storage the phone uploads a station's roster to: `roster-uploads/<stationId>/…`. */
export const ROSTER_UPLOAD_DIR = 'roster-uploads';

/**
 * The cloud path the phone uploads a roster to (wx.cloud.uploadFile
 * `cloudPath`): under the station's folder, so the function can refuse a file
 * of another station. `name` is any unique part (a timestamp and a random suffix).
 */
export const rosterUploadPath = (stationId: string, name: string): string =>
  `${ROSTER_UPLOAD_DIR}/${stationId}/${name}`;

const stationId = idField('社工站编号');

/** A cloud storage fileID as wx.cloud.uploadFile returns it. */
const fileIdField = z
  .string({
    required_error: '请先选择要上传的花名册文件',
    invalid_type_error: '文件编号格式不对，请重新上传',
  })
  .min(1, '请先选择要上传的花名册文件')
  .max(MAX_FILE_ID_CHARS, '文件编号格式不对，请重新上传')
  .regex(/^cloud:\/\/[^/\s]+\/[^\s]+$/, '文件编号格式不对，请重新上传');

/** The import modes: nothing unless every row is right, or only the right rows. */
export const ROSTER_IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
/** One of {@link ROSTER_IMPORT_MODES}. */
export type RosterImportMode = (typeof ROSTER_IMPORT_MODES)[number];

/** `roster.getRosterTemplate`: the template workbook for a station. */
export const getRosterTemplateInput = input({ stationId });

/** `roster.previewRoster`: check an uploaded roster of the station. */
export const previewRosterInput = input({ stationId, fileID: fileIdField });

/** `roster.importRoster`: import a checked roster (the preview's stored rows, never the client's). */
export const importRosterInput = input({
  previewId: idField('预览编号'),
  mode: z.enum(ROSTER_IMPORT_MODES, {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? '请选择导入方式'
          : '导入方式不对，请选择"全部导入"或"只导入正确的行"',
    }),
  }),
});
