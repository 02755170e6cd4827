import { parseInput } from './common';
import {
  getStationInput,
  listStationsInput,
  nearestStationsInput,
  updateStationProfileInput,
} from './stations';

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe('listStations input', () => {
  it('accepts an empty input and trims the search text', () => {
    expect(parseInput(listStationsInput, {})).toEqual({ ok: true, data: {} });
    expect(parseInput(listStationsInput, { query: '  塘沽 ', offset: 0, limit: 10 })).toEqual({
      ok: true,
      data: { query: '塘沽', offset: 0, limit: 10 },
    });
  });

  it.each([
    [{ query: { $gt: '' } }, 'query', '搜索内容必须是文字'],
    [{ query: ['塘沽'] }, 'query', '搜索内容必须是文字'],
    [{ query: '塘'.repeat(31) }, 'query', '搜索内容请不要超过 30 个字'],
    [{ query: 'a\u0000b' }, 'query', '搜索内容包含无法识别的字符，请重新输入'],
    [{ offset: -1 }, 'offset', '页码参数不能小于 0'],
    [{ offset: 1.5 }, 'offset', '页码参数必须是整数'],
    [{ offset: '0' }, 'offset', '页码参数必须是数字'],
    [{ limit: 0 }, 'limit', '每页数量至少为 1'],
    [{ limit: 51 }, 'limit', '每页数量不能超过 50'],
    [{ $where: 'sleep(1000)' }, '$where', '请求中包含不支持的内容，请更新小程序后再试'],
  ])('rejects %j on %s', (input, field, message) => {
    expect(parseInput(listStationsInput, input)).toEqual({ ok: false, field, message });
  });

  it('rejects a non-object input in Chinese', () => {
    const out = parseInput(listStationsInput, 'x');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(hasChinese(out.message)).toBe(true);
  });
});

describe('nearestStations input', () => {
  it('accepts a point in Binhai', () => {
    expect(parseInput(nearestStationsInput, { latitude: 39.02, longitude: 117.65, limit: 3 })).toEqual({
      ok: true,
      data: { latitude: 39.02, longitude: 117.65, limit: 3 },
    });
  });

  it.each([
    [{ longitude: 117 }, 'latitude', '请提供您所在位置的纬度'],
    [{ latitude: 39 }, 'longitude', '请提供您所在位置的经度'],
    [{ latitude: 91, longitude: 117 }, 'latitude', '纬度需在 -90 到 90 之间'],
    [{ latitude: -90.5, longitude: 117 }, 'latitude', '纬度需在 -90 到 90 之间'],
    [{ latitude: 39, longitude: 180.1 }, 'longitude', '经度需在 -180 到 180 之间'],
    [{ latitude: '39', longitude: 117 }, 'latitude', '纬度必须是数字'],
    [{ latitude: { $gt: 0 }, longitude: 117 }, 'latitude', '纬度必须是数字'],
    [{ latitude: 39, longitude: 117, limit: 22 }, 'limit', '数量不能超过 21'],
    [{ latitude: 39, longitude: 117, maxDistanceKm: 0 }, 'maxDistanceKm', '搜索范围必须大于 0 公里'],
  ])('rejects %j on %s', (input, field, message) => {
    expect(parseInput(nearestStationsInput, input)).toEqual({ ok: false, field, message });
  });
});

describe('getStation input', () => {
  it('accepts a seed id and a database id', () => {
    expect(parseInput(getStationInput, { id: 'st-tanggu' }).ok).toBe(true);
    expect(parseInput(getStationInput, { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' }).ok).toBe(true);
  });

  it.each([
    [{}, 'id', '请选择要查看的社工站'],
    [{ id: '' }, 'id', '请选择要查看的社工站'],
    [{ id: { $gt: '' } }, 'id', '社工站编号格式不对，请返回列表重新选择'],
    [{ id: 'st-tanggu/../x' }, 'id', '社工站编号格式不对，请返回列表重新选择'],
    [{ id: 'x'.repeat(65) }, 'id', '社工站编号格式不对，请返回列表重新选择'],
  ])('rejects %j on %s', (input, field, message) => {
    expect(parseInput(getStationInput, input)).toEqual({ ok: false, field, message });
  });

  it('caps an attacker-sized unknown key in the reported field', () => {
    const out = parseInput(getStationInput, { id: 'st-tanggu', ['k'.repeat(10_000)]: 1 });
    expect(out).toEqual({
      ok: false,
      field: 'k'.repeat(40),
      message: '请求中包含不支持的内容，请更新小程序后再试',
    });
  });
});

describe('updateStationProfile input', () => {
  const card = {
    stationId: 'st-tanggu',
    address: ' 示例路 1 号 ',
    phone: '022-25321234',
    specialty: '老年社会工作',
  };
  it('accepts a landline or a mobile, trims the address, and null for every detail', () => {
    expect(parseInput(updateStationProfileInput, card)).toEqual({
      ok: true,
      data: { ...card, address: '示例路 1 号' },
    });
    expect(parseInput(updateStationProfileInput, { ...card, phone: '13812345678' }).ok).toBe(true);
    expect(
      parseInput(updateStationProfileInput, {
        stationId: 'st-tanggu',
        address: null,
        phone: null,
        specialty: null,
      }).ok,
    ).toBe(true);
  });
  it('refuses an odd phone or specialty in Chinese, and any key beyond the card', () => {
    for (const bad of [
      { phone: '12345' },
      { specialty: '其他' },
      { address: '' },
      { officialName: '改名' },
    ]) {
      const out = parseInput(updateStationProfileInput, { ...card, ...bad });
      expect(out.ok).toBe(false);
      if (!out.ok) expect(hasChinese(out.message)).toBe(true);
    }
  });
});
