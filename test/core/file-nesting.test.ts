import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { sidecarPathFor } from '../../src/core/paths';
import {
  SIDECAR_NESTING_PATTERN,
  hasSidecarPattern,
  withSidecarPattern,
  withoutSidecarPattern,
} from '../../src/core/file-nesting';

test('the nesting pattern names the sidecar of the captured file name', () => {
  assert.equal(SIDECAR_NESTING_PATTERN.replace('${capture}', 'a.txt'), sidecarPathFor('a.txt'));
});

test('adding the sidecar pattern keeps the user patterns already under the key', () => {
  assert.equal(withSidecarPattern(undefined), SIDECAR_NESTING_PATTERN);
  assert.equal(withSidecarPattern(''), SIDECAR_NESTING_PATTERN);
  assert.equal(withSidecarPattern('${capture}.bak'), `\${capture}.bak, ${SIDECAR_NESTING_PATTERN}`);
});

test('adding it twice changes nothing, whatever the spacing of the list', () => {
  const once = withSidecarPattern('${capture}.bak');
  assert.equal(withSidecarPattern(once), once);
  const spaced = ` ${SIDECAR_NESTING_PATTERN} ,\${capture}.bak`;
  assert.equal(withSidecarPattern(spaced), spaced, 'an existing list is left byte for byte');
  assert.equal(hasSidecarPattern(spaced), true);
  assert.equal(hasSidecarPattern('${capture}.annotations.yml'), false);
});

test('removing the sidecar pattern keeps the rest, and leaves nothing when it was alone', () => {
  assert.equal(withoutSidecarPattern(`\${capture}.bak, ${SIDECAR_NESTING_PATTERN}`), '${capture}.bak');
  assert.equal(withoutSidecarPattern(SIDECAR_NESTING_PATTERN), undefined);
  assert.equal(withoutSidecarPattern(undefined), undefined);
  assert.equal(withoutSidecarPattern('${capture}.bak'), '${capture}.bak');
});
