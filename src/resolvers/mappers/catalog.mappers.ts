import type { CityRow, EventRow, ScreenRow, ShowRow, VenueRow } from '../../db/schema/index.js';
import type { AvailabilityView, SeatMapView, SectionView, ShowSeatView } from '../../domain/catalog/views.js';
import type { Connection, Edge } from '../../domain/pagination.js';

export type CityMapper = CityRow;
export type EventMapper = EventRow;
export type VenueMapper = VenueRow;
export type ScreenMapper = ScreenRow;
export type ShowMapper = ShowRow;
export type SeatMapMapper = SeatMapView;
export type SectionMapper = SectionView;
export type ShowSeatMapper = ShowSeatView;
export type AvailabilityMapper = AvailabilityView;
export type EventConnectionMapper = Connection<EventRow>;
export type EventEdgeMapper = Edge<EventRow>;
export type VenueConnectionMapper = Connection<VenueRow>;
export type VenueEdgeMapper = Edge<VenueRow>;
export type ShowConnectionMapper = Connection<ShowRow>;
export type ShowEdgeMapper = Edge<ShowRow>;
