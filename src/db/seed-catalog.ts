import type { AdminCatalogService } from '../domain/catalog/admin.service.js';
import type { LayoutInput } from '../domain/catalog/screen-layout.js';

type EventInput = Parameters<AdminCatalogService['createEvent']>[1];
type Row = LayoutInput['sections'][number]['rows'][number];

/** A daily timetable in local time; events rotate through the slots. */
export interface Programme {
  events: readonly DemoEventKey[];
  times: readonly `${number}:${number}`[];
  /** 0 = Sunday ... 6 = Saturday; every day when absent. */
  weekdays?: readonly number[];
}

export interface DemoScreen {
  name: string;
  layout: LayoutInput;
  /** Minor units of the city's currency, per section. */
  prices: Readonly<Record<string, number>>;
  programmes: readonly Programme[];
}

export interface DemoCity {
  name: string;
  country: string;
  timezone: string;
  currency: string;
  venues: readonly { name: string; address: string; screens: readonly DemoScreen[] }[];
}

/** Rows of equal width; `extra` adds blocked/accessible seats to some rows. */
function rows(labels: readonly string[], seats: number, extra: Record<string, Partial<Row>> = {}): Row[] {
  return labels.map((label) => ({ label, seats, ...extra[label] }));
}
const letters = (s: string) => [...s];
const numbered = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

export const DEMO_EVENTS = {
  lighthouse: { kind: 'MOVIE', title: 'The Last Lighthouse', genres: ['drama'], language: 'en', durationMinutes: 118, rating: 'PG-13',
    description: 'A keeper refuses to leave the last manned lighthouse on the Atlantic coast.' },
  circuit: { kind: 'MOVIE', title: 'Midnight Circuit', genres: ['sci-fi', 'thriller'], language: 'en', durationMinutes: 126, rating: 'R',
    description: 'A courier races a rogue city AI through one night in 2049.' },
  paperMoons: { kind: 'MOVIE', title: 'Paper Moons', genres: ['animation', 'family'], language: 'en', durationMinutes: 94, rating: 'PG',
    description: 'Two origami moons set off to find the sky they were folded for.' },
  hafen: { kind: 'MOVIE', title: 'Der stille Hafen', genres: ['drama'], language: 'de', durationMinutes: 109, rating: 'FSK 12',
    description: 'Ein Hamburger Hafenarbeiter und der letzte Winter vor der Rente.' },
  joursHeureux: { kind: 'MOVIE', title: 'Les Jours Heureux', genres: ['comedy', 'romance'], language: 'fr', durationMinutes: 101, rating: '12A',
    description: 'Un été, une boulangerie, deux familles qui ne se supportent pas.' },
  bruggen: { kind: 'MOVIE', title: 'De Zeven Bruggen', genres: ['crime', 'thriller'], language: 'nl', durationMinutes: 112, rating: '16',
    description: 'Een rechercheur volgt een spoor langs zeven Amsterdamse bruggen.' },
  seasons: { kind: 'CONCERT', title: "Kammerorchester Mitte: Vivaldi's Four Seasons", genres: ['classical'], durationMinutes: 95,
    description: 'The four violin concertos, played on period instruments.' },
  ella: { kind: 'CONCERT', title: 'Blue Note Nights: Songs of Ella', genres: ['jazz'], language: 'en', durationMinutes: 110 },
  neon: { kind: 'CONCERT', title: 'Neon Harbour Live', genres: ['electronic', 'pop'], language: 'en', durationMinutes: 120 },
  hamlet: { kind: 'THEATRE', title: 'Hamlet', genres: ['tragedy', 'classic'], language: 'en', durationMinutes: 180, rating: '12+' },
  earnest: { kind: 'THEATRE', title: 'The Importance of Being Earnest', genres: ['comedy', 'classic'], language: 'en', durationMinutes: 150 },
  keeper: { kind: 'THEATRE', title: "The Keeper's Daughter", genres: ['musical'], language: 'en', durationMinutes: 155, rating: '8+' },
  tigers: { kind: 'SPORT', title: 'Amsterdam Tigers vs Rotterdam Hawks', genres: ['basketball'], durationMinutes: 120 },
  volleyball: { kind: 'SPORT', title: 'Harbour Cup Volleyball Final', genres: ['volleyball'], durationMinutes: 150 },
  fightNight: { kind: 'SPORT', title: 'Fight Night Amsterdam', genres: ['boxing'], durationMinutes: 180, rating: '16+' },
} satisfies Record<string, EventInput>;
export type DemoEventKey = keyof typeof DEMO_EVENTS;

// Row I is skipped (it reads as 1); numbered rows stay below 10 so labels such as "R112" stay
// unambiguous. Cinemas put premium rows at the back and wheelchair spaces in front.
export const DEMO_CITIES: readonly DemoCity[] = [
  {
    name: 'Berlin', country: 'DE', timezone: 'Europe/Berlin', currency: 'EUR',
    venues: [
      {
        name: 'Kino Spreeblick', address: 'Oranienstraße 12, 10999 Berlin',
        screens: [
          {
            name: 'Saal 1',
            layout: { sections: [
              { name: 'Parkett', tier: 'STANDARD', rows: [
                ...rows(letters('ABC'), 14, { A: { accessible: [1, 2, 13, 14] } }),
                ...rows(letters('DEFGHJK'), 18, { K: { blocked: [1, 18] } }),
              ] },
              { name: 'Loge', tier: 'PREMIUM', rows: rows(letters('LMN'), 16) },
            ] },
            prices: { Parkett: 1150, Loge: 1490 },
            programmes: [{ events: ['lighthouse', 'circuit', 'hafen'], times: ['14:30', '17:45', '21:00'] }],
          },
          {
            name: 'Saal 2',
            layout: { sections: [
              { name: 'Parkett', tier: 'STANDARD', rows: rows(letters('ABCDEFGH'), 14, { A: { accessible: [1, 14] } }) },
              { name: 'Loge', tier: 'PREMIUM', rows: rows(letters('JK'), 12) },
            ] },
            prices: { Parkett: 990, Loge: 1290 },
            programmes: [{ events: ['paperMoons', 'joursHeureux', 'hafen'], times: ['13:00', '16:00', '19:30'] }],
          },
        ],
      },
      {
        name: 'Konzerthaus Mitte', address: 'Am Kupfergraben 3, 10117 Berlin',
        screens: [
          {
            name: 'Großer Saal',
            layout: { sections: [
              { name: 'Parkett vorne', tier: 'CATEGORY 1', rows: rows(letters('ABCDEF'), 24) },
              // Seats 12-13 of row G make room for the sound desk.
              { name: 'Parkett hinten', tier: 'CATEGORY 2',
                rows: rows(letters('GHJKLMNO'), 24, { G: { blocked: [12, 13] }, O: { accessible: [1, 2, 23, 24] } }) },
              { name: 'Rang', tier: 'CATEGORY 3', rows: rows(numbered('R', 1, 6), 28) },
            ] },
            prices: { 'Parkett vorne': 6900, 'Parkett hinten': 4900, Rang: 2900 },
            programmes: [{ events: ['seasons', 'ella'], times: ['20:00'], weekdays: [2, 3, 4, 5, 6, 0] }],
          },
        ],
      },
    ],
  },
  {
    name: 'London', country: 'GB', timezone: 'Europe/London', currency: 'GBP',
    venues: [
      {
        name: 'Riverside Picturehouse', address: '41 Bankside, London SE1 9JE',
        screens: [
          {
            name: 'Screen 1',
            layout: { sections: [
              { name: 'Standard', tier: 'STANDARD',
                rows: rows(letters('ABCDEFGHJKLM'), 20, { A: { accessible: [1, 2, 19, 20] }, H: { blocked: [10, 11] } }) },
              { name: 'Premium', tier: 'PREMIUM', rows: rows(letters('NOP'), 18) },
            ] },
            prices: { Standard: 1395, Premium: 1795 },
            programmes: [{ events: ['lighthouse', 'paperMoons', 'circuit', 'joursHeureux'], times: ['15:00', '18:15', '21:30'] }],
          },
        ],
      },
      {
        name: 'Lyric Playhouse', address: '29 Shaftesbury Avenue, London W1D 7EZ',
        screens: [
          {
            name: 'Main House',
            layout: { sections: [
              { name: 'Stalls', tier: 'STALLS', rows: rows(letters('ABCDEFGHJKLMNOP'), 20, { P: { accessible: [1, 2] } }) },
              // The end seats of the first circle row sit behind the proscenium pillars.
              { name: 'Dress Circle', tier: 'CIRCLE', rows: rows(numbered('DC', 1, 6), 24, { DC1: { blocked: [1, 24] } }) },
            ] },
            prices: { Stalls: 6500, 'Dress Circle': 4200 },
            programmes: [
              { events: ['hamlet', 'earnest', 'keeper'], times: ['19:30'], weekdays: [1, 2, 3, 4, 5, 6] },
              { events: ['keeper', 'earnest'], times: ['14:30'], weekdays: [6, 0] },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Amsterdam', country: 'NL', timezone: 'Europe/Amsterdam', currency: 'EUR',
    venues: [
      {
        name: 'Grachten Bioscoop', address: 'Prinsengracht 218, 1016 HD Amsterdam',
        screens: [
          {
            name: 'Zaal 1',
            layout: { sections: [
              { name: 'Zaal', tier: 'STANDARD', rows: rows(letters('ABCDEFGHJK'), 15, { A: { accessible: [1, 15] } }) },
              { name: 'Balkon', tier: 'PREMIUM', rows: rows(letters('LM'), 14) },
            ] },
            prices: { Zaal: 1250, Balkon: 1550 },
            programmes: [{ events: ['bruggen', 'circuit', 'paperMoons'], times: ['14:00', '17:15', '20:30'] }],
          },
        ],
      },
      {
        name: 'Sporthal Noord', address: 'Buikslotermeerplein 40, 1025 XL Amsterdam',
        screens: [
          {
            name: 'Centre Court',
            layout: { sections: [
              { name: 'Courtside', tier: 'PREMIUM', rows: rows(['C1', 'C2'], 20) },
              // Two seats of the south stand hold the TV camera.
              { name: 'Tribune Zuid', tier: 'STANDARD', rows: rows(numbered('Z', 1, 8), 30, { Z1: { blocked: [15, 16] } }) },
              { name: 'Tribune Noord', tier: 'STANDARD', rows: rows(numbered('N', 1, 8), 30, { N8: { accessible: [1, 2, 29, 30] } }) },
            ] },
            prices: { Courtside: 8500, 'Tribune Zuid': 3500, 'Tribune Noord': 3500 },
            programmes: [{ events: ['tigers', 'neon', 'volleyball', 'fightNight'], times: ['19:30'], weekdays: [2, 4, 6] }],
          },
        ],
      },
    ],
  },
];
