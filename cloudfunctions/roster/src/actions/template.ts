import { rosterContract } from '../../../../shared/src/contracts/roster';
import { AppError } from '../../../../shared/src/errors';
import { HOUSEHOLD_RELATIONSHIPS } from '../../../../shared/src/domain/household';
import {
  CATEGORY_CONSENTS,
  LIVING_SITUATIONS,
  SEXES,
  TARGET_CATEGORIES,
  type TargetCategory,
} from '../../../../shared/src/domain/person';
import { RISK_TIERS } from '../../../../shared/src/domain/risk';
import { DEFAULT_ROSTER_RISK } from '../../../../shared/src/domain/roster';
import { assertStationScope } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import * as repo from '../repo';
import { uploadWithUrl } from '../storage';
import { buildTemplate, type TemplateVocabulary } from '../workbook';

/** Name the phone saves the template under. */
export const TEMPLATE_FILE_NAME = '花名册导入模板.xlsx';

/** The allowed values of the template, from the person domain and the station's 社区/村 list. */
export const vocabularyOf = (communities: readonly string[]): TemplateVocabulary => ({
  sexes: SEXES,
  categories: TARGET_CATEGORIES,
  consentCategories: TARGET_CATEGORIES.filter((c: TargetCategory) => (CATEGORY_CONSENTS[c] ?? []).length > 0),
  livingSituations: LIVING_SITUATIONS,
  riskTiers: RISK_TIERS,
  defaultRiskTier: DEFAULT_ROSTER_RISK,
  relationships: HOUSEHOLD_RELATIONSHIPS,
  communities,
});

/**
 * getRosterTemplate (station head: own station; district: any): builds the
 * template with the station's 社区/村 list as a drop-down, puts it in cloud
 * storage (one file per station, replaced each time) and answers its fileID
 * and a download link. No personal data: not audited.
 */
export const getRosterTemplate = defineAction({
  contract: rosterContract.actions.getRosterTemplate,
  async handle(input, ctx) {
    await assertStationScope(ctx, ctx.access, input.stationId);
    if (!(await repo.stationExists(ctx.db, input.stationId)))
      throw new AppError('not-found', '没有找到该社工站，请返回重新选择');
    const communities = await repo.getCommunities(ctx.db, input.stationId);
    const content = await buildTemplate(vocabularyOf(communities), ctx.now);
    const { fileID, tempFileURL } = await uploadWithUrl(
      ctx.cloud,
      `roster-templates/${input.stationId}/roster-template.xlsx`,
      content,
    );
    return { fileID, tempFileURL, fileName: TEMPLATE_FILE_NAME };
  },
});
