import type { MoneyView } from '../../domain/catalog/views.js';
import type { PageInfo } from '../../domain/pagination.js';

export type MoneyMapper = MoneyView;
export type PageInfoMapper = PageInfo;
