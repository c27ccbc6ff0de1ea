import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trayLook, trayTooltip, type TrayInput } from '../../main/desktop/tray-view';
import { expired, needsCode, offline, signedIn, signedOut, signingIn } from './session-fixtures';

const input = (session: TrayInput['session'], resuming = false): TrayInput => ({ session, resuming, startAtLogin: false, startAtLoginAvailable: true });

test('each signed-in status has its own look; invisible is offline chosen by hand', () => {
  assert.equal(trayLook(input(signedIn('online'))), 'online');
  assert.equal(trayLook(input(signedIn('away'))), 'away');
  assert.equal(trayLook(input(signedIn('busy'))), 'busy');
  assert.equal(trayLook(input(signedIn('offline'))), 'invisible');
});

test('a status without a realtime connection yet (or any more) looks like connecting', () => {
  assert.equal(trayLook(input(signedIn('busy', { live: 'connecting' }))), 'connecting');
  assert.equal(trayLook(input(signedIn('busy', { live: 'reconnecting' }))), 'connecting');
  assert.equal(trayLook(input(signedIn('busy', { live: 'unavailable' }))), 'busy');
});

test('before resume has settled the tray says connecting, never signed out', () => {
  assert.equal(trayLook(input(null, true)), 'connecting');
  assert.equal(trayLook(input(signedOut, true)), 'connecting');
  assert.equal(trayLook(input(signingIn)), 'connecting');
});

test('unreachable, signed out, expired and a pending 2FA step have their looks', () => {
  assert.equal(trayLook(input(offline)), 'unreachable');
  assert.equal(trayLook(input(signedOut)), 'signed-out');
  assert.equal(trayLook(input(expired)), 'signed-out');
  assert.equal(trayLook(input(needsCode)), 'signed-out');
  assert.equal(trayLook(input(null)), 'signed-out');
});

test('the tooltip names the user, the status (with its message) and the server', () => {
  assert.equal(trayTooltip(input(signedIn('away', { statusText: 'Lunch' }))), 'rc-tray\nAlice Liddell (@alice)\nAway: Lunch\nchat.example.com');
  assert.equal(trayTooltip(input(signedIn('offline', { name: 'alice' }))), 'rc-tray\n@alice\nInvisible\nchat.example.com');
  assert.equal(trayTooltip(input(offline)), 'rc-tray\nServer unreachable, retrying\nchat.example.com');
  assert.equal(trayTooltip(input(null, true)), 'rc-tray\nConnecting…');
  assert.equal(trayTooltip(input(null)), 'rc-tray\nSigned out');
});
