import SectionMessage from '@atlaskit/section-message';
import type { ReactElement, ReactNode } from 'react';

export type NoticeAppearance = 'information' | 'warning' | 'error' | 'success';

/**
 * A section message whose appearance follows its meaning (success, warning, error, information);
 * `data-notice` names the appearance for tests and for the screenshots' readers.
 */
export function Notice({
  appearance,
  title,
  actions,
  children,
}: {
  appearance: NoticeAppearance;
  title: string;
  actions?: ReactElement;
  children?: ReactNode;
}) {
  return (
    <div data-notice={appearance}>
      <SectionMessage appearance={appearance} title={title} actions={actions}>
        {children}
      </SectionMessage>
    </div>
  );
}
