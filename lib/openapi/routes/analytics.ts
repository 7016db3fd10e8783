import { ok, routesOf } from '../registry';

const route = routesOf('analytics');

export const getCustomerAnalyticsRoute = route.get('/api/customers/{id}/analytics', {
  permission: 'analytics.read',
  summary:
    'RFM scores and segment vs the active base, 24 monthly points (revenue HT, visits), intervention kinds, vehicles, predictions (next visit, revenue trend, churn risk) with their method',
  responses: [
    ok('`{rfm, monthly, kinds, vehicles, baseDistribution, predictions}`'),
    { status: 404, description: 'Client introuvable.' },
  ],
});

export const listSegmentsRoute = route.get('/api/analytics/segments', {
  permission: 'analytics.read',
  summary: 'Active customers per RFM segment (for `/customers?segment=`)',
  responses: [ok('`{ data: [{segment, label, count}], total }`')],
});
