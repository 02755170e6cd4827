import type { ServiceItem } from '../domain/service-item';
import { serviceItemIdOf } from '../domain/service-item';
import type { StationId } from '../ids';

/**
 * DEMO service items (演示数据): one sensible default per core service area of
 * the 2022 notice, so that a fresh station has something to show. They are
 * marked `demo: true` and titled as examples; each station head reviews,
 * edits or takes them off the list (upsertServiceItem). Nothing here is a
 * real station's offer.
 */

/** A demo item without its station (the same templates for every station). */
export type ServiceItemTemplate = Omit<ServiceItem, 'id' | 'stationId'> & { slug: string };

/** The demo templates, one or two per core service area. */
export const SERVICE_ITEM_TEMPLATES: readonly ServiceItemTemplate[] = [
  {
    slug: 'elder-visit',
    title: '高龄独居老人上门探访',
    area: '养老服务',
    description: '社工上门了解老人生活起居、身体和情绪状况，链接所需服务（演示项目，请站长核实修改）。',
    bookable: true,
    durationMinutes: 60,
    capacityPerSlot: 2,
    active: true,
    demo: true,
    order: 1,
  },
  {
    slug: 'assistance-consult',
    title: '社会救助政策咨询',
    area: '社会救助',
    description: '低保、特困、临时救助等政策解读与申请指引（演示项目，请站长核实修改）。',
    bookable: true,
    durationMinutes: 30,
    capacityPerSlot: 3,
    active: true,
    demo: true,
    order: 2,
  },
  {
    slug: 'child-care',
    title: '困境儿童关爱帮扶',
    area: '儿童福利',
    description: '为困境儿童及其家庭提供需求评估、学业与心理支持（演示项目，请站长核实修改）。',
    bookable: false,
    durationMinutes: 60,
    capacityPerSlot: 1,
    active: true,
    demo: true,
    order: 3,
  },
  {
    slug: 'community-group',
    title: '社区邻里互助小组活动',
    area: '社区建设',
    description: '在小组活动室开展的邻里互助与社区参与活动（演示项目，请站长核实修改）。',
    bookable: true,
    durationMinutes: 90,
    capacityPerSlot: 10,
    active: true,
    demo: true,
    order: 4,
  },
  {
    slug: 'family-mediation',
    title: '家庭关系调适与矛盾调解',
    area: '社会事务',
    description: '由社工在个案工作室提供家庭关系咨询与调解（演示项目，请站长核实修改）。',
    bookable: true,
    durationMinutes: 60,
    capacityPerSlot: 1,
    active: true,
    demo: true,
    order: 5,
  },
  {
    slug: 'org-incubation',
    title: '社区社会组织培育指导',
    area: '社会组织发展',
    description: '为社区社会组织、志愿服务队提供成立与运营指导（演示项目，请站长核实修改）。',
    bookable: false,
    durationMinutes: 60,
    capacityPerSlot: 1,
    active: true,
    demo: true,
    order: 6,
  },
];

/** The demo items of one station (ids `si-<stationId>-<slug>`). */
export function demoServiceItemsFor(stationId: StationId): ServiceItem[] {
  return SERVICE_ITEM_TEMPLATES.map(({ slug, ...rest }) => ({
    ...rest,
    id: serviceItemIdOf(stationId, slug),
    stationId,
  }));
}
