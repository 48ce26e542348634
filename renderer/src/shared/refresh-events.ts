/** Hub events after which the case list and the case page read their data again. */
export const CASE_REFRESH = ['submissions.changed', 'job.updated', 'status.changed'] as const;
