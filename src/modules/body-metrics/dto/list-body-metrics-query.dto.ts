import { TimeRangeCursorQueryDto } from '../../../common/pagination/cursor-query.dto';

export class ListBodyMetricsQueryDto extends TimeRangeCursorQueryDto({ items: 'Readings' }) {}
