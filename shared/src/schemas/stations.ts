import { z } from 'zod';
import { SPECIALTIES } from '../domain/station';
import { NO_CONTROL_CHARS } from './common';
import { idField, input, phoneField, textField } from './fields';

/** Longest search text: the longest official name is 20 characters; this leaves room without inviting abuse. */
export const MAX_STATION_QUERY_CHARS = 30;
/** Largest page of the station list (the district has 21 stations; more may come). */
export const MAX_STATIONS_PAGE = 50;
/** Default page size of the station list: all 21 stations on one page. */
export const DEFAULT_STATIONS_PAGE = 30;
/** Default number of nearest stations returned. */
export const DEFAULT_NEAREST = 5;
/** Largest number of nearest stations returned. */
export const MAX_NEAREST = 21;
/** Default search radius: the district is about 75 km north to south, so 50 km from any station covers it. */
export const DEFAULT_NEAREST_KM = 50;
/** Largest search radius a caller may ask for. */
export const MAX_NEAREST_KM = 200;

/** Offsets past this are not a real list position (the directory is a small fixed list; see stations/repo.ts). */
const MAX_OFFSET = 1_000;

// Each field says in Chinese what is wrong and what to do; a value of the
// wrong type (including operator-shaped objects such as {"$gt": ""}) fails
// here, before any of it can reach a query.

/** Input of `stations.listStations`: optional name search and a page. */
export const listStationsInput = z
  .object({
    query: z
      .string({ invalid_type_error: '搜索内容必须是文字' })
      .max(MAX_STATION_QUERY_CHARS, `搜索内容请不要超过 ${MAX_STATION_QUERY_CHARS} 个字`)
      .regex(NO_CONTROL_CHARS, '搜索内容包含无法识别的字符，请重新输入')
      .trim()
      .optional(),
    offset: z
      .number({ invalid_type_error: '页码参数必须是数字' })
      .int('页码参数必须是整数')
      .min(0, '页码参数不能小于 0')
      .max(MAX_OFFSET, '页码参数太大了，请返回第一页')
      .optional(),
    limit: z
      .number({ invalid_type_error: '每页数量必须是数字' })
      .int('每页数量必须是整数')
      .min(1, '每页数量至少为 1')
      .max(MAX_STATIONS_PAGE, `每页数量不能超过 ${MAX_STATIONS_PAGE}`)
      .optional(),
  })
  .strict();

/** Input of `stations.nearestStations`: a point (WGS-84 as the phone reports it) and how many. */
export const nearestStationsInput = z
  .object({
    latitude: z
      .number({ required_error: '请提供您所在位置的纬度', invalid_type_error: '纬度必须是数字' })
      .min(-90, '纬度需在 -90 到 90 之间')
      .max(90, '纬度需在 -90 到 90 之间'),
    longitude: z
      .number({ required_error: '请提供您所在位置的经度', invalid_type_error: '经度必须是数字' })
      .min(-180, '经度需在 -180 到 180 之间')
      .max(180, '经度需在 -180 到 180 之间'),
    limit: z
      .number({ invalid_type_error: '数量必须是数字' })
      .int('数量必须是整数')
      .min(1, '数量至少为 1')
      .max(MAX_NEAREST, `数量不能超过 ${MAX_NEAREST}`)
      .optional(),
    maxDistanceKm: z
      .number({ invalid_type_error: '搜索范围必须是数字' })
      .positive('搜索范围必须大于 0 公里')
      .max(MAX_NEAREST_KM, `搜索范围不能超过 ${MAX_NEAREST_KM} 公里`)
      .optional(),
  })
  .strict();

/** Station ids are seed slugs (`st-tanggu`) or database ids (hex): letters, digits, `-`, `_`. */
const STATION_ID = /^[A-Za-z0-9_-]+$/;

/** Input of `stations.getStation`. */
export const getStationInput = z
  .object({
    id: z
      .string({
        required_error: '请选择要查看的社工站',
        invalid_type_error: '社工站编号格式不对，请返回列表重新选择',
      })
      .min(1, '请选择要查看的社工站')
      .max(64, '社工站编号格式不对，请返回列表重新选择')
      .regex(STATION_ID, '社工站编号格式不对，请返回列表重新选择'),
  })
  .strict();

/** Parsed input of listStations. */
export type ListStationsInput = z.output<typeof listStationsInput>;
/** Parsed input of nearestStations. */
export type NearestStationsInput = z.output<typeof nearestStationsInput>;
/** Parsed input of getStation. */
export type GetStationInput = z.output<typeof getStationInput>;

/** Longest station address (地址): the longest seen is about 40 characters; room for a building and floor. */
export const MAX_STATION_ADDRESS_CHARS = 100;

/**
 * Input of `stations.updateStationProfile` (station head: own station; the
 * district: any): the public details residents see on the station page. Every
 * field is sent each time (the form saves the whole card); `null` takes a
 * detail off the page (it shows 暂未公布 again). The address is one line; the
 * phone is a mobile or a landline with its area code; 一站一品 is one of the
 * specialties of the notice. Official name, unit, service areas and rooms
 * are the district's facts and are not edited here (strict: refused).
 */
export const updateStationProfileInput = input({
  stationId: idField('社工站编号'),
  address: textField('地址', MAX_STATION_ADDRESS_CHARS, { multiline: false }).nullable(),
  phone: phoneField('联系电话').nullable(),
  specialty: z
    .enum(SPECIALTIES, {
      errorMap: () => ({ message: '一站一品请从列表中选择' }),
    })
    .nullable(),
});

/** Parsed input of updateStationProfile. */
export type UpdateStationProfileInput = z.output<typeof updateStationProfileInput>;
