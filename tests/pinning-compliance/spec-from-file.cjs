// Preloaded into the compliance suite (node --require): answers its download of the Pinning Service API spec
// (raw.githubusercontent.com/…/ipfs-pinning-service.yaml) from PINNING_SPEC_FILE, so the suite checks response
// shapes against the same v1.0.0 file on machines that cannot reach GitHub. Every other request goes out unchanged.
'use strict';
const fs = require('fs');
const https = require('https');
const { EventEmitter } = require('events');
const { PassThrough } = require('stream');

const specFile = process.env.PINNING_SPEC_FILE;
const realGet = https.get;

https.get = function get(options, ...rest) {
  const host = options && (options.hostname || options.host);
  const path = options && options.path;
  if (specFile && host === 'raw.githubusercontent.com' && typeof path === 'string'
      && path.endsWith('/ipfs-pinning-service.yaml') && fs.existsSync(specFile)) {
    const request = new EventEmitter();
    request.setTimeout = () => request;
    request.abort = () => {};
    request.end = () => {};
    process.nextTick(() => {
      const response = new PassThrough();
      response.statusCode = 200;
      response.headers = { 'content-type': 'text/yaml' };
      request.emit('response', response);
      response.end(fs.readFileSync(specFile));
    });
    return request;
  }
  return realGet.call(this, options, ...rest);
};
