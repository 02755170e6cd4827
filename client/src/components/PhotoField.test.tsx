import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { eventually } from '../../test/eventually';
import * as outbox from '../services/outbox';
import * as stamp from '../services/photo-stamp';
import { PICK_FAILED, PhotoField, keepFailed } from './PhotoField';

jest.mock('../services/outbox', () => ({ keepFile: jest.fn(), keptFileUrl: jest.fn() }));
jest.mock('../services/photo-stamp', () => ({
  compressPhoto: jest.fn(),
  stampPhoto: jest.fn(),
  discardTemp: jest.fn(),
}));
const files = jest.mocked(outbox);
const photos = jest.mocked(stamp);
const taro = jest.mocked(Taro);

const PLACE = '39.0251,117.7152 ±15m';

/** The field as a form holds it: the list in state, every change recorded. */
function Harness({ initial = [], max = 9 }: { initial?: string[]; max?: number }) {
  const [value, setValue] = useState(initial);
  return (
    <PhotoField
      value={value}
      max={max}
      label="现场照片"
      place={PLACE}
      onChange={(paths) => {
        changes.push(paths);
        setValue(paths);
      }}
    />
  );
}
let changes: string[][] = [];

const picked = (...names: string[]) => ({
  errMsg: 'chooseMedia:ok',
  type: 'image',
  tempFiles: names.map((n) => ({
    tempFilePath: `blob:${n}`,
    size: 500_000,
    fileType: 'image',
    duration: 0,
    width: 4000,
    height: 3000,
    thumbTempFilePath: '',
  })),
});

let warn: jest.SpyInstance;
beforeEach(() => {
  changes = [];
  warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  photos.compressPhoto.mockReset().mockImplementation(async (p) => `${p}.small`);
  photos.stampPhoto.mockReset().mockImplementation(async (p) => `${p}.stamped`);
  photos.discardTemp.mockReset();
  files.keepFile.mockReset().mockImplementation(async (p) => `idbfile://${p.replace('blob:', '')}`);
  files.keptFileUrl.mockReset().mockImplementation(async (p) => `blob:shown-${p}`);
});
afterEach(() => warn.mockRestore());

describe('PhotoField', () => {
  it('takes two photos: compressed, stamped with time and place, kept, passed up in order', async () => {
    // The first photo is kept slowly: the order must still be the order picked.
    files.keepFile.mockImplementationOnce(
      (p) => new Promise((resolve) => setTimeout(() => resolve(`idbfile://${p.replace('blob:', '')}`), 60)),
    );
    taro.chooseMedia.mockResolvedValueOnce(picked('a', 'b'));
    render(<Harness />);
    expect(screen.getByText('已拍 0/9 张')).toBeTruthy();

    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual(['idbfile://a.small.stamped', 'idbfile://b.small.stamped']);
    expect(taro.chooseMedia).toHaveBeenCalledWith({
      count: 9,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
    });
    expect(photos.compressPhoto).toHaveBeenNthCalledWith(1, 'blob:a', 500_000);
    const [path, lines] = photos.stampPhoto.mock.calls[0] ?? [];
    expect(path).toBe('blob:a.small');
    // The Beijing time (its formatting is unit-tested in shared/src/photo-stamp.test.ts), then the place.
    expect(lines?.[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(lines?.[1]).toBe(PLACE);
    // The stamped temporary files are freed once kept.
    expect(photos.discardTemp.mock.calls.map((c) => c[0])).toEqual([
      'blob:a.small.stamped',
      'blob:b.small.stamped',
    ]);

    await eventually(() => screen.getByText('已拍 2/9 张'));
    await eventually(() =>
      screen.getByLabelText('第 2 张照片，点按查看大图').querySelector('taro-image-core'),
    );
    expect(screen.getByText('删除第 1 张')).toBeTruthy();
  });

  it('asks for no more than the room left, keeps no more than max, and offers no button when full', async () => {
    taro.chooseMedia.mockResolvedValueOnce(picked('x', 'y')); // a picker that ignores count
    render(<Harness initial={['idbfile://1', 'idbfile://2', 'idbfile://3']} max={4} />);
    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(taro.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 1 }));
    expect(changes[0]).toEqual(['idbfile://1', 'idbfile://2', 'idbfile://3', 'idbfile://x.small.stamped']);
    expect(photos.stampPhoto).toHaveBeenCalledTimes(1);

    await eventually(() => screen.getByText('已达 4 张上限，删除一张后可再拍。'));
    expect(screen.queryByText('拍照添加现场照片')).toBeNull();
    expect(screen.getByText('已拍 4/4 张')).toBeTruthy();
  });

  it('deletes the photo asked for after the worker confirms; 保留 keeps it', async () => {
    render(<Harness initial={['idbfile://1', 'idbfile://2', 'idbfile://3']} />);
    taro.showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false, cancel: true });
    fireEvent.click(screen.getByText('删除第 2 张'));
    await eventually(() => expect(taro.showModal).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(changes).toHaveLength(0);

    fireEvent.click(screen.getByText('删除第 2 张'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual(['idbfile://1', 'idbfile://3']);
    await eventually(() => screen.getByText('已拍 2/9 张'));
    expect(screen.queryByText('删除第 3 张')).toBeNull();
  });

  it('keeps the photo without the stamp when stamping fails, and warns in the log', async () => {
    photos.stampPhoto.mockRejectedValueOnce(new Error('offscreen canvas unsupported'));
    taro.chooseMedia.mockResolvedValueOnce(picked('a', 'b'));
    render(<Harness />);
    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual(['idbfile://a.small', 'idbfile://b.small.stamped']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('stamping failed'), expect.any(Error));
  });

  it('a cancelled picker does nothing; a failed one says so in Chinese', async () => {
    render(<Harness />);
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => expect(taro.chooseMedia).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(taro.showToast).not.toHaveBeenCalled();
    expect(screen.queryByText(`⚠ ${PICK_FAILED}`)).toBeNull();

    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail auth deny' });
    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => screen.getByText(`⚠ ${PICK_FAILED}`));
    expect(taro.showToast).toHaveBeenCalledWith({ title: PICK_FAILED, icon: 'none' });
    expect(changes).toHaveLength(0);
  });

  it('passes up the photos that were kept and says how many were not', async () => {
    files.keepFile.mockRejectedValueOnce(new Error('saveFile:fail exceeded the maximum size'));
    taro.chooseMedia.mockResolvedValueOnce(picked('a', 'b'));
    render(<Harness />);
    fireEvent.click(screen.getByText('拍照添加现场照片'));
    await eventually(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual(['idbfile://b.small.stamped']);
    await eventually(() => screen.getByText(`⚠ ${keepFailed(1)}`));
    expect(taro.showToast).toHaveBeenCalledWith({ title: keepFailed(1), icon: 'none' });
  });

  it('opens the full photo on a tap, with the displayable URLs', async () => {
    render(<Harness initial={['idbfile://1', 'idbfile://2']} />);
    const second = screen.getByLabelText('第 2 张照片，点按查看大图');
    await eventually(() => expect(second.querySelector('taro-image-core')).not.toBeNull());
    fireEvent.click(second);
    expect(taro.previewImage).toHaveBeenCalledWith({
      urls: ['blob:shown-idbfile://1', 'blob:shown-idbfile://2'],
      current: 'blob:shown-idbfile://2',
    });
  });
});
