/** Read models returned to resolvers as-is (field names match the schema, so default resolvers apply). */
export interface MoneyView {
  amount: number;
  currency: string;
}

export type SeatStatus = 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';

export interface ShowSeatView {
  id: string;
  label: string;
  row: string;
  number: number;
  section: string;
  price: MoneyView;
  status: SeatStatus;
  accessible: boolean;
  x: number;
  y: number;
}

export interface SectionView {
  name: string;
  tier: string;
  price: MoneyView;
  total: number;
  available: number;
}

export interface SeatMapView {
  showId: string;
  version: number;
  seats: ShowSeatView[];
  sections: SectionView[];
}

export interface AvailabilityView {
  total: number;
  available: number;
  held: number;
  booked: number;
}
