import { z } from 'zod';

// Schema failures reach the person at the screen; zod ships a Vietnamese locale for them.
z.config(z.locales.vi());
