import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { eventually } from '../../test/eventually';
import * as outbox from '../services/outbox';
import { EMPTY_SIGNATURE, SIGNATURE_SAVE_FAILED, SIGN_HINT, SignaturePad } from './SignaturePad';

jest.mock('../services/outbox', () => ({ keepFile: jest.fn(), keptFileUrl: jest.fn() }));
const files = jest.mocked(outbox);

// jsdom (20) has no canvas drawing, no PointerEvent and no object URLs: a recording
// 2D context, a PointerEvent that is a MouseEvent with an id, and numbered blob: URLs.
const drawn: string[] = [];
const context = {
  fillStyle: '',
  strokeStyle: '',
  lineWidth: 1,
  lineCap: '',
  lineJoin: '',
  fillRect: () => drawn.push('fillRect'),
  beginPath: () => drawn.push('beginPath'),
  moveTo: (x: number, y: number) => drawn.push(`moveTo ${x},${y}`),
  lineTo: (x: number, y: number) => drawn.push(`lineTo ${x},${y}`),
  stroke: () => drawn.push('stroke'),
};
class TestPointerEvent extends MouseEvent {
  pointerId: number;
  constructor(type: string, init: MouseEventInit & { pointerId?: number } = {}) {
    super(type, init);
    this.pointerId = init.pointerId ?? 1;
  }
}
let urlCount = 0;
const revoked: string[] = [];
beforeAll(() => {
  Object.defineProperty(window, 'PointerEvent', { value: TestPointerEvent, configurable: true });
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    value: () => context,
    configurable: true,
  });
  Object.defineProperty(HTMLCanvasElement.prototype, 'toBlob', {
    value: (done: (b: Blob | null) => void, type: string) => done(new Blob(['sig'], { type })),
    configurable: true,
  });
  Object.defineProperty(URL, 'createObjectURL', {
    value: () => `blob:sig-${++urlCount}`,
    configurable: true,
  });
  Object.defineProperty(URL, 'revokeObjectURL', {
    value: (u: string) => revoked.push(u),
    configurable: true,
  });
});

let changes: (string | null)[] = [];
function Harness({ initial = null }: { initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <SignaturePad
      value={value}
      label="服务对象签名"
      onChange={(path) => {
        changes.push(path);
        setValue(path);
      }}
    />
  );
}

const pad = () => screen.getByLabelText(`${SIGN_HINT}：用手指在框内写下姓名`);
const sign = () => {
  const canvas = pad();
  fireEvent.pointerDown(canvas, { clientX: 10, clientY: 20, pointerId: 7 });
  fireEvent.pointerMove(canvas, { clientX: 60, clientY: 40, pointerId: 7 });
  fireEvent.pointerUp(canvas, { clientX: 60, clientY: 40, pointerId: 7 });
};

let warn: jest.SpyInstance;
beforeEach(() => {
  changes = [];
  drawn.length = 0;
  revoked.length = 0;
  warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  files.keepFile.mockReset().mockImplementation(async (p) => `idbfile://kept-${p.slice('blob:'.length)}.png`);
  files.keptFileUrl.mockReset().mockImplementation(async (p) => `blob:shown-${p}`);
});
afterEach(() => warn.mockRestore());

describe('SignaturePad', () => {
  it('tells the resident what to do, and will not confirm an empty box', async () => {
    render(<Harness />);
    expect(screen.getByText(SIGN_HINT)).toBeTruthy();
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => screen.getByText(`⚠ ${EMPTY_SIGNATURE}`));
    await new Promise((r) => setTimeout(r, 30));
    expect(files.keepFile).not.toHaveBeenCalled();
    expect(changes).toHaveLength(0);
  });

  it('draws the stroke, then keeps the image and passes its path up; shows it with 重新签名', async () => {
    render(<Harness />);
    sign();
    expect(drawn).toEqual(expect.arrayContaining(['moveTo 10,20', 'lineTo 60,40']));
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => expect(changes).toHaveLength(1));
    const temp = files.keepFile.mock.calls[0]?.[0] ?? '';
    expect(temp).toMatch(/^blob:sig-\d+$/);
    expect(changes[0]).toBe(`idbfile://kept-${temp.slice('blob:'.length)}.png`);
    expect(revoked).toEqual([temp]); // the temporary image is freed once kept
    await eventually(() => screen.getByText('✓ 已签名'));
    expect(screen.getByText('重新签名')).toBeTruthy();
    expect(screen.queryByText('确认签名')).toBeNull();
  });

  it('清除 wipes the strokes: confirming then asks for a signature again', async () => {
    render(<Harness />);
    sign();
    fireEvent.click(screen.getByText('清除'));
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => screen.getByText(`⚠ ${EMPTY_SIGNATURE}`));
    expect(changes).toHaveLength(0);
    // Signing again clears the message and confirms.
    sign();
    expect(screen.queryByText(`⚠ ${EMPTY_SIGNATURE}`)).toBeNull();
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => expect(changes).toHaveLength(1));
  });

  it('重新签名 keeps the old signature until a new one is confirmed', async () => {
    render(<Harness initial="idbfile://old.png" />);
    await eventually(() => screen.getByLabelText('服务对象签名（已签名）'));
    fireEvent.click(screen.getByText('重新签名'));
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => screen.getByText(`⚠ ${EMPTY_SIGNATURE}`));
    fireEvent.click(screen.getByText('不重签，保留原签名'));
    await eventually(() => screen.getByText('✓ 已签名'));
    expect(changes).toHaveLength(0);

    fireEvent.click(screen.getByText('重新签名'));
    sign();
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toMatch(/^idbfile:\/\/kept-sig-\d+\.png$/);
  });

  it('says so when the signature cannot be kept, and passes nothing up', async () => {
    files.keepFile.mockRejectedValueOnce(new Error('QuotaExceededError'));
    render(<Harness />);
    sign();
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => screen.getByText(`⚠ ${SIGNATURE_SAVE_FAILED}`));
    expect(changes).toHaveLength(0);
    // The strokes are still there: a second tap keeps it.
    fireEvent.click(screen.getByText('确认签名'));
    await eventually(() => expect(changes).toHaveLength(1));
  });
});
