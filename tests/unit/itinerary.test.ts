import { describe, expect, it } from 'vitest';
import { addressText, itineraryHref } from '@/lib/geo/itinerary';

const address = { addressLine1: '12 rue de la République', postalCode: '69002', city: 'Lyon', country: 'FR' };

describe('« Itinéraire » link', () => {
  it('a located customer: geo: URI with the position and a label for the maps app', () => {
    const href = itineraryHref({ ...address, latitude: 45.7621, longitude: 4.8357 }, 'Garage Dupont');
    expect(href).toBe('geo:45.7621,4.8357?q=45.7621,4.8357(Garage%20Dupont)');
  });

  it('an address without a position: the maps app searches it (geo:0,0?q=), no online service', () => {
    const href = itineraryHref({ ...address, latitude: null, longitude: null });
    expect(href).toBe(`geo:0,0?q=${encodeURIComponent('12 rue de la République, 69002 Lyon')}`);
    expect(href).not.toMatch(/https?:/);
  });

  it('no address, no link; the country only outside France', () => {
    expect(
      itineraryHref({
        addressLine1: null,
        postalCode: null,
        city: null,
        country: 'FR',
        latitude: null,
        longitude: null,
      }),
    ).toBeNull();
    expect(addressText({ ...address, country: 'BE' })).toBe('12 rue de la République, 69002 Lyon, BE');
  });
});
