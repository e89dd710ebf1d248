import { storageToHtml } from '../../dev/storage-html';
import { mention } from '../../src/confluence/storage-format';

const names = (id: string) => (id === 'op-1' ? 'Omar <Haddad>' : id);

test('the local host shows storage format through a whitelist: plain elements, mentions by name, nothing else', () => {
  const html = storageToHtml(
    `<p onclick="x()">Hi ${mention('op-1')} &amp; <strong>all</strong></p><script>alert(1)</script><img src=x onerror=alert(1) /><ac:structured-macro ac:name="html">x</ac:structured-macro>`,
    names,
  );
  expect(html).toBe('<p>Hi <span class="mention">@Omar &lt;Haddad&gt;</span> &amp; <strong>all</strong></p>alert(1)x');
});

test('text that looks like markup after unescaping stays text', () => {
  expect(storageToHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', names)).toBe(
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
  );
});
