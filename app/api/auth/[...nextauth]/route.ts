import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { publicRequest } from '@/lib/auth/public-url';

// next-auth's own endpoints (sign-in, OIDC callback, session), seen at the public address (public-url.ts).
export const GET = (req: NextRequest) => handlers.GET(publicRequest(req) as NextRequest);
export const POST = (req: NextRequest) => handlers.POST(publicRequest(req) as NextRequest);
