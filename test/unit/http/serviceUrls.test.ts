import { describe, expect, it } from 'vitest';
import {
  BOT_FRAMEWORK_SERVICE_URLS,
  LOOPBACK_SERVICE_URLS,
  isLoopbackAddress,
  isLoopbackHost,
  parseServiceUrlPatterns,
  serviceUrlAllowed,
} from '../../../bot/http/serviceUrls.js';

describe('serviceUrl allow-list (no server-side request forgery)', () => {
  it.each([
    ['http://127.0.0.1:3978/directline/connector/x', true],
    ['http://localhost:53111', true],
    ['http://[::1]:8080/', true],
    ['http://127.0.0.2:80/', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['http://10.0.0.5:6379', false],
    ['https://127.0.0.1:443', false],
    ['http://user:pass@127.0.0.1:80', false],
    ['not a url', false],
  ])('loopback only by default: %s → %s', (url, allowed) => {
    expect(serviceUrlAllowed(url, LOOPBACK_SERVICE_URLS)).toBe(allowed);
  });

  it.each([
    ['https://smba.trafficmanager.net/apac/', true],
    ['https://webchat.botframework.com/', true],
    ['https://directline.botframework.com', true],
    ['https://botframework.com.evil.example/', false],
    ['https://evilbotframework.com/', false],
    ['http://webchat.botframework.com/', false],
    ['https://webchat.botframework.com:8443/', false],
  ])('Bot Framework hosts with MicrosoftAppId: %s → %s', (url, allowed) => {
    expect(serviceUrlAllowed(url, BOT_FRAMEWORK_SERVICE_URLS)).toBe(allowed);
  });

  it('reads ALLOWED_SERVICE_URLS and names a bad entry', () => {
    const patterns = parseServiceUrlPatterns('https://gw.shop.example, http://10.0.0.7:*');
    expect(serviceUrlAllowed('https://gw.shop.example/v3', patterns)).toBe(true);
    expect(serviceUrlAllowed('http://10.0.0.7:9000', patterns)).toBe(true);
    expect(serviceUrlAllowed('http://10.0.0.8:9000', patterns)).toBe(false);
    expect(() => parseServiceUrlPatterns('https://ok.example,ftp://x')).toThrow(/"ftp:\/\/x"/);
  });

  it('tells loopback hosts and addresses from the rest', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.5', 'example.com'].some(isLoopbackHost)).toBe(false);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:10.1.2.3')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
