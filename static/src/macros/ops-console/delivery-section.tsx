import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { useState } from 'react';
import type { DeliverySettings } from '../../../../src/contract/alerts';
import type { ErrorBody } from '../../../../src/contract/envelope';
import { callResolver } from '../../shared/backend';
import { Notice } from '../../shared/notice';
import { RelativeTime } from '../../shared/relative-time';
import { ErrorNotice } from '../../shared/status-views';

const pageLink = (pageId: string) => `/wiki/pages/viewpage.action?pageId=${encodeURIComponent(pageId)}`;

function PageLine({ label, pageId, fallback }: { label: string; pageId: string | null; fallback: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {pageId === null ? (
          fallback
        ) : (
          <a href={pageLink(pageId)} target="_top">
            Page {pageId}
          </a>
        )}
      </dd>
    </>
  );
}

function PageIdField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <TextField
        id={props.id}
        inputMode="numeric"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        placeholder={props.placeholder}
      />
    </div>
  );
}

/**
 * Where alerts (incident pages, the standing alerts page) and weekly reports are published: the same
 * setting as `hdc-ops alerts configure`. The backend checks each page in Confluence before it stores it.
 */
export function DeliverySection({ delivery, onSaved }: { delivery: DeliverySettings; onSaved: () => void }) {
  const [opsPage, setOpsPage] = useState(delivery.opsPageId ?? '');
  const [reportPage, setReportPage] = useState(delivery.reportPageId ?? '');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: true; settings: DeliverySettings } | { ok: false; error: ErrorBody } | null
  >(null);

  async function save() {
    setSaving(true);
    const reply = await callResolver('alerts.configure', {
      opsPageId: opsPage.trim() === '' ? null : opsPage.trim(),
      reportPageId: reportPage.trim() === '' ? null : reportPage.trim(),
    });
    setSaving(false);
    setOutcome(reply.ok ? { ok: true, settings: reply.data } : { ok: false, error: reply.error });
    if (reply.ok) onSaved();
  }

  return (
    <section id="delivery" className="hdc-section" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">Where alerts go</h2>
      <dl className="hdc-facts" data-delivery>
        <PageLine
          label="Operations page"
          pageId={delivery.opsPageId}
          fallback="Not set: alerts stay in HDC Ops and nobody is notified"
        />
        <PageLine
          label="Weekly reports"
          pageId={delivery.reportPageId}
          fallback={delivery.opsPageId === null ? 'Not set' : 'Under the operations page'}
        />
        {delivery.updatedAt ? (
          <>
            <dt>Changed</dt>
            <dd>
              <RelativeTime iso={delivery.updatedAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <form
        className="hdc-console-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <PageIdField
          id="ops-page-id"
          label="Operations page id"
          value={opsPage}
          onChange={setOpsPage}
          placeholder="e.g. 3000"
        />
        <PageIdField
          id="report-page-id"
          label="Weekly reports page id (optional)"
          value={reportPage}
          onChange={setReportPage}
          placeholder="the operations page"
        />
        <div>
          <Button type="submit" appearance="primary" isDisabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
      <p className="hdc-subtle">
        Incident pages and the standing "HDC alerts" page are written under the operations page, and the on-call
        operators are @mentioned there. Leave a field empty to clear it.
      </p>
      {outcome?.ok === true ? (
        <Notice appearance="success" title="Saved">
          <p>
            {outcome.settings.opsPageId === null
              ? 'No operations page: alerts stay in HDC Ops.'
              : `Alerts go under page ${outcome.settings.opsPageId}; weekly reports under page ${outcome.settings.reportPageId ?? outcome.settings.opsPageId}.`}
          </p>
        </Notice>
      ) : null}
      {outcome?.ok === false ? <ErrorNotice error={outcome.error} /> : null}
    </section>
  );
}
