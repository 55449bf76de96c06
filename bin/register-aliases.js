'use strict';
// Preloaded (`node -r`) by every compiled app: maps the @lgsp/* aliases onto dist/libs.
const { join } = require('node:path');
require('tsconfig-paths').register({ baseUrl: join(__dirname, '..', 'dist'), paths: { '@lgsp/*': ['libs/*/src'] } });
