/** wx.openApi: subscribeMessage.send → outbox, security.msgSecCheck → word list, anything else → "not emulated". */
import fs from 'node:fs';
import path from 'node:path';
import type { Outbox } from './outbox';
import { decodeRequestData, encodeResponse } from './proto';
import { MSG_SEC_CHECK_V2_RISKY_AS_87014, OPENAPI_NOT_EMULATED_ERRCODE } from '../functions/unverified';

/** The default blocked words (emulator/blocked-words.json): obviously-test words only. */
export function defaultBlockedWords(): string[] {
  const file = path.resolve(__dirname, '../../blocked-words.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
}

/** An HTTP answer to a wx.openApi request. */
export interface OpenApiReply {
  contentType: string;
  body: Buffer;
}

/** A TCB-level error: JSON, with the exact content type that makes the SDK parse it as JSON. */
function tcbError(code: string, message: string, requestId: string): OpenApiReply {
  return {
    contentType: 'application/json; charset=utf-8',
    body: Buffer.from(JSON.stringify({ code, message, requestId })),
  };
}

/** Handles the openapi calls of one emulator. */
export class OpenApi {
  constructor(
    private readonly outbox: Outbox,
    private readonly blockedWords: string[],
  ) {}

  /** Answer one wx.openApi request; `senderOpenid` is the calling invocation's identity. */
  handle(fields: Record<string, Buffer>, senderOpenid: string, requestId: string): OpenApiReply {
    const apiName = fields.apiName?.toString('utf8');
    const raw = fields.requestData;
    if (!apiName || !raw)
      return tcbError('INVALID_PARAM', 'wx.openApi needs apiName and requestData', requestId);
    let params: Record<string, unknown>;
    try {
      params = decodeRequestData(raw).params;
    } catch (err) {
      return tcbError(
        'INVALID_PARAM',
        `requestData is not a valid CommApiData protobuf: ${(err as Error).message}`,
        requestId,
      );
    }
    // Raw protobuf with a content type other than exactly 'application/json; charset=utf-8' (that one means "JSON error").
    return {
      contentType: 'application/octet-stream',
      body: encodeResponse(this.answer(apiName, params, senderOpenid)),
    };
  }

  /** The WeChat JSON answer for one call (keys snake_case, as WeChat's HTTP API). */
  answer(apiName: string, p: Record<string, unknown>, senderOpenid: string): Record<string, unknown> {
    switch (apiName) {
      case 'subscribeMessage.send': {
        if (
          typeof p.touser !== 'string' ||
          !p.touser ||
          typeof p.template_id !== 'string' ||
          !p.template_id
        ) {
          return { errcode: 47003, errmsg: 'argument invalid! touser and template_id are required' };
        }
        if (!p.data || typeof p.data !== 'object')
          return { errcode: 47003, errmsg: 'argument invalid! data is required' };
        const refused = this.outbox.refusalFor(p.touser);
        if (refused !== null) return { errcode: refused, errmsg: 'user refuse to accept the msg' };
        const item = this.outbox.add({
          senderOpenid,
          touser: p.touser,
          templateId: p.template_id,
          page: typeof p.page === 'string' ? p.page : undefined,
          data: p.data as Record<string, unknown>,
          miniprogramState: typeof p.miniprogram_state === 'string' ? p.miniprogram_state : undefined,
          lang: typeof p.lang === 'string' ? p.lang : undefined,
        });
        return { errcode: 0, errmsg: 'ok', msgid: item.id };
      }
      case 'security.msgSecCheck': {
        const content = typeof p.content === 'string' ? p.content : '';
        const v2 = Number(p.version) === 2;
        const hit = this.blockedWords.find((w) => w && content.toLowerCase().includes(w.toLowerCase()));
        if (!v2) return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
        const trace_id = `emulator-${Date.now().toString(36)}`;
        if (hit && MSG_SEC_CHECK_V2_RISKY_AS_87014)
          return { errcode: 87014, errmsg: 'risky content', trace_id };
        const result = hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 };
        return {
          errcode: 0,
          errmsg: 'ok',
          trace_id,
          result,
          detail: [{ strategy: 'keyword', errcode: 0, ...result, ...(hit ? { keyword: hit } : {}) }],
        };
      }
      default:
        return {
          errcode: OPENAPI_NOT_EMULATED_ERRCODE,
          errmsg: `openapi ${apiName} is not emulated by the local CloudBase emulator`,
        };
    }
  }
}
