'use server';

import { contactEndpoints } from './collection';

export const createContactAction = contactEndpoints.actions.create;
export const updateContactAction = contactEndpoints.actions.update;
export const deleteContactAction = contactEndpoints.actions.remove;
