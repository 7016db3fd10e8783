import { defineRoute } from '../registry';

export const getCustomerAnalyticsRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/analytics',
  tag: 'analytics',
  permission: 'analytics.read',
  summary:
    'RFM scores and segment vs the active base, 24 monthly points (revenue HT, visits), intervention kinds, vehicles, predictions (next visit, revenue trend, churn risk) with their method',
  responses: [
    { status: 200, description: '`{rfm, monthly, kinds, vehicles, baseDistribution, predictions}`' },
    { status: 404, description: 'Client introuvable.' },
  ],
});

export const listSegmentsRoute = defineRoute({
  method: 'get',
  path: '/api/analytics/segments',
  tag: 'analytics',
  permission: 'analytics.read',
  summary: 'Active customers per RFM segment (for `/customers?segment=`)',
  responses: [{ status: 200, description: '`{ data: [{segment, label, count}], total }`' }],
});
