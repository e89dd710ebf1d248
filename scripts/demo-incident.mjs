// `npm run demo:incident`: asks the running local host (`npm start`) for a demo incident, as its top
// bar's "Trigger a demo incident" does: ten minutes of failing calls, then the five-minute alert
// evaluation and its delivery. HDC_DEV_PORT as for npm start (default 8787).
const port = process.env.HDC_DEV_PORT ?? '8787';
const base = `http://127.0.0.1:${port}`;
try {
  const response = await fetch(`${base}/dev/demo-incident`, { method: 'POST', redirect: 'manual' });
  if (response.status !== 303) {
    console.error(`The local host answered ${response.status}: is it the HDC Ops local host (npm start)?`);
    process.exit(1);
  }
  console.log(`Demo incident raised. Open ${base}${response.headers.get('location') ?? '/'}`);
  console.log('Sign in as "HDC operator" in the top bar: the incident pages are under HDC Operations, and the');
  console.log('notifications (top right) hold the mentions that Confluence would send by email too.');
} catch {
  console.error(`Nothing answers at ${base}: start the local host first (npm start), or set HDC_DEV_PORT.`);
  process.exit(1);
}
