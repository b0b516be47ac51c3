/** Pure decision functions over knowledge/ data: no I/O, time passed in, Asia/Shanghai. */
export * from './deadlines.js';
export * from './decision.js';
export * from './escalation.js';
export * from './exchange.js';
export * from './money.js';
export * from './orderFacts.js';
export * from './refund.js';
export * from './sevenDayWindow.js';
export * from './shipment.js';
export * from './time.js';
export * from './proactive.js';
export * from './handoffPriority.js';
export * from './compare.js';
export * from './promotions.js';
export * from './shipping.js';
export * from './sizing.js';
export * from './stock.js';
