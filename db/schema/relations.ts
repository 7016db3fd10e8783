import { relations } from 'drizzle-orm';
import { customerActivity } from './activity';
import { apiTokens, users } from './auth';
import { consentEvents, emailOutbox } from './consents';
import { customerContacts, customerNotes, customers, customerTags, tags, vehicles } from './customers';
import { customerDocuments } from './documents';
import { invoices, payments } from './finances';
import { interventionLines, interventions } from './interventions';

export const customersRelations = relations(customers, ({ many, one }) => ({
  contacts: many(customerContacts),
  vehicles: many(vehicles),
  notes: many(customerNotes),
  customerTags: many(customerTags),
  activities: many(customerActivity),
  documents: many(customerDocuments),
  interventions: many(interventions),
  invoices: many(invoices),
  payments: many(payments),
  consentEvents: many(consentEvents),
  emails: many(emailOutbox),
  creator: one(users, { fields: [customers.createdBy], references: [users.id] }),
}));

export const contactsRelations = relations(customerContacts, ({ one }) => ({
  customer: one(customers, { fields: [customerContacts.customerId], references: [customers.id] }),
}));
export const vehiclesRelations = relations(vehicles, ({ one, many }) => ({
  customer: one(customers, { fields: [vehicles.customerId], references: [customers.id] }),
  interventions: many(interventions),
}));
export const notesRelations = relations(customerNotes, ({ one }) => ({
  customer: one(customers, { fields: [customerNotes.customerId], references: [customers.id] }),
  author: one(users, { fields: [customerNotes.authorId], references: [users.id] }),
}));
export const tagsRelations = relations(tags, ({ many }) => ({ customerTags: many(customerTags) }));
export const customerTagsRelations = relations(customerTags, ({ one }) => ({
  customer: one(customers, { fields: [customerTags.customerId], references: [customers.id] }),
  tag: one(tags, { fields: [customerTags.tagId], references: [tags.id] }),
}));
export const activityRelations = relations(customerActivity, ({ one }) => ({
  customer: one(customers, { fields: [customerActivity.customerId], references: [customers.id] }),
}));
export const documentsRelations = relations(customerDocuments, ({ one }) => ({
  customer: one(customers, { fields: [customerDocuments.customerId], references: [customers.id] }),
}));
export const interventionsRelations = relations(interventions, ({ one, many }) => ({
  customer: one(customers, { fields: [interventions.customerId], references: [customers.id] }),
  vehicle: one(vehicles, { fields: [interventions.vehicleId], references: [vehicles.id] }),
  technician: one(users, { fields: [interventions.technicianId], references: [users.id] }),
  lines: many(interventionLines),
}));
export const interventionLinesRelations = relations(interventionLines, ({ one }) => ({
  intervention: one(interventions, { fields: [interventionLines.interventionId], references: [interventions.id] }),
}));
export const invoicesRelations = relations(invoices, ({ one, many }) => ({
  customer: one(customers, { fields: [invoices.customerId], references: [customers.id] }),
  payments: many(payments),
}));
export const paymentsRelations = relations(payments, ({ one }) => ({
  customer: one(customers, { fields: [payments.customerId], references: [customers.id] }),
  invoice: one(invoices, { fields: [payments.invoiceId], references: [invoices.id] }),
}));
export const consentEventsRelations = relations(consentEvents, ({ one }) => ({
  customer: one(customers, { fields: [consentEvents.customerId], references: [customers.id] }),
}));
export const emailOutboxRelations = relations(emailOutbox, ({ one }) => ({
  customer: one(customers, { fields: [emailOutbox.customerId], references: [customers.id] }),
}));
export const usersRelations = relations(users, ({ many }) => ({ tokens: many(apiTokens) }));
export const apiTokensRelations = relations(apiTokens, ({ one }) => ({
  creator: one(users, { fields: [apiTokens.createdBy], references: [users.id] }),
}));
