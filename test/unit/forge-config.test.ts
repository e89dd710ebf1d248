import { loadConfig } from '../../src/shared/config';
import { forgeWebtriggerSecret } from '../../src/forge/forge-app';

test('the web trigger secret comes from the validated configuration, and none while it cannot be read (every request refused)', () => {
  expect(forgeWebtriggerSecret({ HDC_WEBTRIGGER_SECRET: 's3cret' })).toBe('s3cret');
  expect(forgeWebtriggerSecret({})).toBeUndefined();
  expect(forgeWebtriggerSecret({ HDC_WEBTRIGGER_SECRET: 's3cret', HDC_SITE_ID: 'not a site' })).toBeUndefined();
});

test('the alert webhook must be a Slack or Teams incoming webhook (the manifest egress), and a refusal never repeats the URL', () => {
  expect(loadConfig({ HDC_ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x' }).alertWebhookUrl).toBe(
    'https://hooks.slack.com/services/T0/B0/x',
  );
  expect(
    loadConfig({ HDC_ALERT_WEBHOOK_URL: 'https://contoso.webhook.office.com/webhookb2/x' }).alertWebhookUrl,
  ).toMatch(/webhook\.office\.com/);
  expect(loadConfig({}).alertWebhookUrl).toBeUndefined();
  for (const refused of ['https://evil.example.com/hook-token', 'http://hooks.slack.com/hook-token']) {
    let message = '';
    try {
      loadConfig({ HDC_ALERT_WEBHOOK_URL: refused });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/HDC_ALERT_WEBHOOK_URL/);
    expect(message).not.toMatch(/hook-token/);
  }
});
