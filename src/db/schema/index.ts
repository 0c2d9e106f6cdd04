export * from './users.js';
export * from './catalog.js';
export * from './inventory.js';
export * from './holds.js';
export * from './bookings.js';
export * from './payments.js';
export * from './staff.js';
export * from './auth.js';
