import type { WireError } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { exportLedger } from '../../../services/ledger';
import { openLedgerFile } from '../../../services/ledger-file';

/** What the export is doing, in the words the head reads. */
type ExportState =
  | { step: 'idle' }
  | { step: 'exporting' | 'downloading' | 'opening' }
  | { step: 'done'; fileName: string; bytes: number }
  | { step: 'error'; message: string };

const STEP_TEXT = {
  exporting: '正在生成台账，数据多时约需半分钟…',
  downloading: '正在下载台账文件…',
  opening: '正在打开台账文件…',
} as const;

/** The deployed app has no `ledger` function yet (an older deployment): say so plainly. */
const MISSING_FUNCTION = /function not found|FUNCTION_NOT_FOUND|FunctionName|ResourceNotFound/i;

/** The Chinese words of a failed exportLedger call. */
export function exportErrorText(error: WireError): string {
  if (MISSING_FUNCTION.test(error.message)) {
    return '台账导出功能还没有在服务器上开通，请联系区里的管理员';
  }
  return error.message;
}

/** `113 KB` / `1.2 MB`. */
const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * 导出台账: the station's ledgers of the month shown or of the whole year as one .xlsx
 * (ledger.exportLedger), then opened on the phone (WeChat: wx.openDocument with its
 * forward / save menu) or saved by the browser (H5). Each step is said in words; a
 * failure says what went wrong and the button stays to try again.
 */
export function ExportLedger({
  stationId,
  year,
  month,
}: {
  stationId: string;
  year: number;
  /** The month shown (1–12); null: only the year can be exported. */
  month: number | null;
}) {
  const [scope, setScope] = useState<'month' | 'year'>(month ? 'month' : 'year');
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const busy = state.step === 'exporting' || state.step === 'downloading' || state.step === 'opening';
  const byMonth = scope === 'month' && month !== null;
  const periodText = byMonth ? `${year}年${month}月` : `${year}年全年`;

  const run = async () => {
    setState({ step: 'exporting' });
    const res = await exportLedger({ stationId, year, ...(byMonth ? { month: month ?? undefined } : {}) });
    if (!res.ok) {
      setState({ step: 'error', message: exportErrorText(res.error) });
      return;
    }
    try {
      await openLedgerFile(res.data, (step) => setState({ step }));
      setState({ step: 'done', fileName: res.data.fileName, bytes: res.data.bytes });
    } catch (e) {
      setState({ step: 'error', message: e instanceof Error ? e.message : '台账文件没有打开，请重试' });
    }
  };

  const choices: { key: 'month' | 'year'; label: string }[] = [
    ...(month ? [{ key: 'month' as const, label: `${month}月台账` }] : []),
    { key: 'year', label: `${year}年全年台账` },
  ];

  return (
    <View className="sgz-card hd-export">
      <Text className="hd-export__intro">
        走访、个案、督导、学时、资质、满意度台账和指标汇总，生成一个 Excel 文件（身份证号已隐去部分数字）。
      </Text>
      <View className="sgz-chips hd-export__choices" role="radiogroup" aria-label="导出范围">
        {choices.map((c) => {
          const on = (c.key === 'month') === byMonth;
          return (
            <View
              key={c.key}
              className={`sgz-choice hd-chip${on ? ' sgz-choice--selected' : ''}`}
              role="radio"
              aria-checked={on}
              onClick={() => (busy ? undefined : setScope(c.key))}
            >
              <Text>
                {on ? '◉ ' : ''}
                {c.label}
              </Text>
            </View>
          );
        })}
      </View>
      <Button type="primary" block loading={busy} onClick={() => void run()}>
        {busy ? '正在导出…' : `导出${periodText}台账`}
      </Button>
      <View aria-live="polite">
        {busy ? <Text className="hd-export__status">… {STEP_TEXT[state.step]}</Text> : null}
        {state.step === 'done' ? (
          <Text className="hd-export__status">
            ✓ 已导出：{state.fileName}（{sizeText(state.bytes)}）
            {process.env.TARO_ENV === 'weapp' ? '，可在打开的文件右上角转发或保存' : '，已交给浏览器下载'}
          </Text>
        ) : null}
      </View>
      {state.step === 'error' ? (
        <View className="hd-export__error" role="alert">
          <Text>! 台账没有导出：{state.message}</Text>
        </View>
      ) : null}
    </View>
  );
}
