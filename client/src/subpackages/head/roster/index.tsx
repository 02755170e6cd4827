import {
  rosterUploadPath,
  type RosterImportMode,
  type RosterImportOutput,
  type RosterIssue,
  type RosterPreviewOutput,
  type WireError,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { StateView } from '../../../components/StateView';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { getRosterTemplate, importRoster, previewRoster } from '../../../services/roster';
import {
  CAN_UPLOAD,
  openDownloadedFile,
  pickXlsx,
  uploadFile,
  type PickedFile,
} from '../../../services/storage';
import '../../../components/staff-page.scss';
import './roster.scss';

/** Issues shown at first; 显示更多 adds as many again. */
const ISSUES_PAGE = 50;

/** Notice codes (not errors): the row is skipped (already on file) or imported without some categories. */
const NOTICE_CODES = new Set<RosterIssue['code']>(['existing', 'consent-needed']);

/** 导入花名册 (station head): template, upload, preview with row errors, import, result. */
export default function HeadRosterPage() {
  return (
    <StaffStationPage errorTitle="花名册导入没有加载出来">
      {(stationId) => <RosterImport stationId={stationId} />}
    </StaffStationPage>
  );
}

/** Where the import stands. */
type Phase =
  | { step: 'idle' }
  | { step: 'uploading' | 'checking' }
  | { step: 'failed'; error: WireError }
  | { step: 'preview'; preview: RosterPreviewOutput; importError?: WireError; importing?: RosterImportMode }
  | { step: 'done'; result: RosterImportOutput };

/** A unique file name under the station's upload folder. */
const uploadName = (): string => `${Date.now()}-${Math.random().toString(36).slice(2, 10)}.xlsx`;

/** The import flow of one station. `fileID` (H5 route param): a roster uploaded another way. */
export function RosterImport({ stationId, fileID }: { stationId: string; fileID?: string }) {
  const params = Taro.useRouter().params;
  const routeFileId = fileID ?? params.fileID;
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  // The picked file stays: a failed upload or check is retried without picking again.
  const [picked, setPicked] = useState<PickedFile | null>(null);

  const check = async (id: string) => {
    setPhase({ step: 'checking' });
    const res = await previewRoster({ stationId, fileID: id });
    setPhase(res.ok ? { step: 'preview', preview: res.data } : { step: 'failed', error: res.error });
  };

  // The function deletes an upload once read, so every check uploads the picked file afresh.
  const uploadAndCheck = async (file: PickedFile) => {
    setPhase({ step: 'uploading' });
    const up = await uploadFile(rosterUploadPath(stationId, uploadName()), file);
    if (!up.ok) return setPhase({ step: 'failed', error: up.error });
    await check(up.data.fileID);
  };

  const pick = async () => {
    const res = await pickXlsx();
    if (!res.ok) return setPhase({ step: 'failed', error: res.error });
    if (!res.data) return; // cancelled
    setPicked(res.data);
    await uploadAndCheck(res.data);
  };

  const retry = () => {
    if (picked) void uploadAndCheck(picked);
    else if (routeFileId) void check(routeFileId);
    else setPhase({ step: 'idle' });
  };

  const runImport = async (preview: RosterPreviewOutput, mode: RosterImportMode) => {
    const modal = await Taro.showModal({
      title: '确认导入',
      content:
        mode === 'valid-rows'
          ? `将导入无误的 ${preview.counts.valid} 行，${preview.counts.invalid} 行有错误的不导入，已在本站建档的 ${preview.counts.duplicates} 行跳过。确定导入吗？`
          : `将导入全部 ${preview.counts.valid} 行（已在本站建档的 ${preview.counts.duplicates} 行跳过）。确定导入吗？`,
      confirmText: '导入',
      cancelText: '取消',
    });
    if (!modal.confirm) return;
    setPhase({ step: 'preview', preview, importing: mode });
    const res = await importRoster({ previewId: preview.previewId, mode });
    setPhase(
      res.ok ? { step: 'done', result: res.data } : { step: 'preview', preview, importError: res.error },
    );
  };

  const restart = () => {
    setPicked(null);
    setPhase({ step: 'idle' });
  };

  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">导入花名册</Text>
        <Text className="sgz-hint">
          把本站已有的服务对象名单（Excel
          花名册）导入为一人一档。请先下载模板，按模板填好后上传，检查无误再导入。
        </Text>
      </View>
      <TemplateCard stationId={stationId} />
      {phase.step === 'done' ? (
        <ResultCard result={phase.result} onAgain={restart} />
      ) : (
        <View className="sgz-card wk__section">
          <Text className="wk__item-title">② 上传花名册</Text>
          {CAN_UPLOAD ? (
            <>
              <Text className="sgz-hint">
                先把填好的 .xlsx 文件发到微信聊天（如“文件传输助手”），再点下面的按钮从聊天中选择。
              </Text>
              <Button
                type={phase.step === 'preview' ? 'default' : 'primary'}
                block
                loading={phase.step === 'uploading' || phase.step === 'checking'}
                onClick={() => void pick()}
              >
                {phase.step === 'preview' ? '重新选择文件' : '选择并上传花名册'}
              </Button>
            </>
          ) : (
            <Text className="roster__notice">
              ⓘ 网页版不能上传花名册：请在微信小程序“我的 → 站长工作台 → 导入花名册”中上传。
            </Text>
          )}
          {phase.step === 'uploading' ? <StateView compact symbol="◌" title="正在上传…" /> : null}
          {phase.step === 'checking' ? (
            <StateView compact symbol="◌" title="正在检查花名册…（几千行约需几秒）" />
          ) : null}
          {phase.step === 'failed' ? (
            <StateView
              compact
              role="alert"
              symbol="✕"
              title="花名册没有检查成功"
              description={phase.error.message}
              actionText={picked || routeFileId ? '重新上传' : undefined}
              onAction={picked || routeFileId ? retry : undefined}
            />
          ) : null}
        </View>
      )}
      {phase.step === 'idle' && routeFileId ? (
        <View className="wk__actions">
          <Button type="primary" block onClick={() => void check(routeFileId)}>
            检查已上传的花名册
          </Button>
        </View>
      ) : null}
      {phase.step === 'preview' ? (
        <PreviewCard
          preview={phase.preview}
          importing={phase.importing}
          importError={phase.importError}
          onImport={(mode) => void runImport(phase.preview, mode)}
        />
      ) : null}
    </View>
  );
}

/** ① 下载模板: the template with the station's 社区/村 lists. */
function TemplateCard({ stationId }: { stationId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    const res = await getRosterTemplate({ stationId });
    if (!res.ok) {
      setBusy(false);
      return setError(res.error.message);
    }
    setLink({ url: res.data.tempFileURL, name: res.data.fileName });
    const opened = await openDownloadedFile(res.data.tempFileURL, res.data.fileName);
    setBusy(false);
    if (!opened.ok) setError(opened.error.message);
  };
  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">① 下载模板</Text>
      <Text className="sgz-hint">
        模板含“填写说明”和本站的社区/村名单；身份证号、电话请按文本填写。
        {process.env.TARO_ENV === 'weapp' ? '打开后点右上角“…”可转发到电脑。' : ''}
      </Text>
      <Button block loading={busy} onClick={() => void download()}>
        下载花名册模板
      </Button>
      {link && process.env.TARO_ENV !== 'weapp' ? (
        <Text className="sgz-hint">
          没有开始下载？
          <a href={link.url} download={link.name}>
            点此下载 {link.name}
          </a>
        </Text>
      ) : null}
      {error ? (
        <StateView compact role="alert" symbol="✕" title="模板没有下载成功" description={error} />
      ) : null}
    </View>
  );
}

/** The preview: counts, the row-by-row issues, the two import choices. */
export function PreviewCard({
  preview,
  importing,
  importError,
  onImport,
}: {
  preview: RosterPreviewOutput;
  importing?: RosterImportMode;
  importError?: WireError;
  onImport: (mode: RosterImportMode) => void;
}) {
  const [shown, setShown] = useState(ISSUES_PAGE);
  const c = preview.counts;
  const errors = preview.issues.filter((i) => !NOTICE_CODES.has(i.code));
  return (
    <View>
      <View className="sgz-card wk__section">
        <Text className="wk__item-title">③ 检查结果（工作表“{preview.sheetName}”）</Text>
        <View className="roster__counts">
          <Text>共 {c.rows} 行</Text>
          <Text>✓ 无误 {c.valid} 行</Text>
          <Text className={c.invalid > 0 ? 'roster__error' : ''}>✕ 有错误 {c.invalid} 行</Text>
          <Text>↷ 本站已建档（跳过）{c.duplicates} 行</Text>
          <Text>ⓘ 需补录同意书 {c.consentFlagged} 行</Text>
          <Text>将组成 {preview.households} 户</Text>
        </View>
        {c.consentFlagged > 0 ? (
          <Text className="roster__notice">
            ⓘ 低保、特困、低收入、困境儿童、残疾/重残、失能等类别需要本人（或监护人）签署同意书后才能登记。 这{' '}
            {c.consentFlagged} 行会先导入、暂不登记这些类别；补录同意书后请在档案中再登记。
          </Text>
        ) : null}
        {preview.ignoredHeaders.length > 0 ? (
          <Text className="sgz-hint">
            以下列不在模板中，内容不会导入：{preview.ignoredHeaders.join('、')}
          </Text>
        ) : null}
      </View>
      {preview.issues.length > 0 ? (
        <View className="sgz-card wk__section">
          <Text className="wk__item-title">
            逐行问题（{errors.length > 0 ? `错误 ${errors.length} 条，` : ''}共 {preview.issuesTotal} 条）
          </Text>
          {preview.issues.slice(0, shown).map((issue, i) => {
            const notice = NOTICE_CODES.has(issue.code);
            return (
              <View key={`${issue.row}-${issue.code}-${i}`} className="roster__issue">
                <Text className="roster__row-no">第 {issue.row} 行</Text>
                <Text className={notice ? '' : 'roster__error'}>
                  {notice ? 'ⓘ 提示：' : '✕ 错误：'}
                  {issue.message}
                </Text>
              </View>
            );
          })}
          {shown < preview.issues.length ? (
            <Button block onClick={() => setShown((n) => n + ISSUES_PAGE)}>
              显示更多（还有 {preview.issues.length - shown} 条）
            </Button>
          ) : null}
          {preview.issuesTotal > preview.issues.length ? (
            <Text className="sgz-hint">
              只列出前 {preview.issues.length} 条，请改正后重新上传以查看其余问题。
            </Text>
          ) : null}
        </View>
      ) : null}
      <View className="sgz-card wk__section">
        <Text className="wk__item-title">④ 导入</Text>
        {c.valid === 0 ? (
          <Text className="roster__notice">ⓘ 没有可以导入的行。请按上面的提示改正花名册后重新上传。</Text>
        ) : (
          <>
            <Button
              type={c.invalid === 0 ? 'primary' : 'default'}
              block
              disabled={c.invalid > 0 || importing !== undefined}
              loading={importing === 'all-or-nothing'}
              onClick={() => onImport('all-or-nothing')}
            >
              全部导入（有错误时不导入）
            </Button>
            {c.invalid > 0 ? (
              <Text className="sgz-hint">
                有 {c.invalid} 行错误，不能全部导入：请改正后重新上传，或只导入无误的行。
              </Text>
            ) : null}
            <Button
              type={c.invalid > 0 ? 'primary' : 'default'}
              block
              disabled={importing !== undefined}
              loading={importing === 'valid-rows'}
              onClick={() => onImport('valid-rows')}
            >
              只导入无误的行（{c.valid} 行）
            </Button>
          </>
        )}
        {importError ? (
          <StateView
            compact
            role="alert"
            symbol="✕"
            title="没有导入"
            description={`${importError.message}（没有写入任何档案）`}
          />
        ) : null}
      </View>
    </View>
  );
}

/** What the import did. */
function ResultCard({ result, onAgain }: { result: RosterImportOutput; onAgain: () => void }) {
  const skipped = result.skippedInvalid + result.skippedDuplicates;
  return (
    <View className="sgz-card wk__section" role="status">
      <Text className="wk__item-title">✓ 导入完成</Text>
      <Text>新建档案 {result.created} 份</Text>
      <Text>已有档案（未重复建档）{result.alreadyPresent} 份</Text>
      <Text>
        跳过 {skipped} 行（有错误 {result.skippedInvalid} 行，本站已建档 {result.skippedDuplicates} 行）
      </Text>
      <Text>
        新建家庭 {result.householdsCreated} 户，已有家庭 {result.householdsPresent} 户
      </Text>
      {result.consentFlaggedRows.length > 0 ? (
        <Text className="roster__notice">
          ⓘ 第 {result.consentFlaggedRows.join('、')} 行已导入，但需补录同意书后再登记低保、残疾等类别。
        </Text>
      ) : null}
      <Button block onClick={onAgain}>
        再导入一份花名册
      </Button>
    </View>
  );
}
