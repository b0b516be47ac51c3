import { AUTHENTICITY } from './authenticityDialog.js';
import { COMPENSATION } from './compensationDialog.js';
import { COMPLAINT } from './complaintDialog.js';
import { EXCHANGE } from './exchangeDialog.js';
import { LOGISTICS } from './logisticsDialog.js';
import { QUALITY } from './qualityDialog.js';
import { REFUND } from './refundDialog.js';
import { WRONG_ITEM } from './wrongItemDialog.js';

/** The flows of F3's after-sales branch: a conversation in one of these is an after-sales case. */
export const AFTER_SALES_FLOWS: readonly string[] = [REFUND, EXCHANGE, LOGISTICS, WRONG_ITEM, QUALITY, COMPENSATION, AUTHENTICITY, COMPLAINT];
