/**
 * The site's only script, a progressive enhancement: every page reads and works without it, except
 * the proof of work that public forms need.
 * - `form[data-pow-challenge]`: solves the form's proof of work in a Web Worker (pow-worker.ts) as soon as
 *   the page opens, shows its progress, and sends the form once it is solved.
 * - `[data-live-search]`: the knowledge-base search answers as the visitor types, by fetching the same
 *   server-rendered results page and swapping its result list in.
 */

function enhanceProofOfWork(form: HTMLFormElement): void {
  const challenge = form.dataset.powChallenge ?? '';
  const difficulty = Number(form.dataset.powDifficulty ?? '0');
  const workerUrl = document.body.dataset.powWorker ?? '';
  const nonceField = form.querySelector<HTMLInputElement>('input[name="pow_nonce"]');
  const progress = form.querySelector<HTMLProgressElement>('progress[data-pow-progress]');
  const status = form.querySelector<HTMLElement>('[data-pow-status]');
  if (!nonceField || !progress || !status || !workerUrl) return;
  form.querySelector<HTMLElement>('[data-pow-panel]')?.removeAttribute('hidden');
  form.querySelector<HTMLElement>('[data-no-js]')?.setAttribute('hidden', '');
  let solved = false;
  let submitWhenSolved = false;
  const worker = new Worker(workerUrl);
  worker.onmessage = (message: MessageEvent<{ progress?: number; nonce?: string }>) => {
    if (message.data.nonce !== undefined) {
      nonceField.value = message.data.nonce;
      solved = true;
      progress.value = 1;
      status.textContent = status.dataset.done ?? '';
      worker.terminate();
      if (submitWhenSolved) form.requestSubmit();
    } else if (message.data.progress !== undefined) {
      progress.value = message.data.progress;
    }
  };
  worker.postMessage({ challenge, difficulty });
  form.addEventListener('submit', (event) => {
    if (solved) return;
    event.preventDefault();
    submitWhenSolved = true;
    status.textContent = status.dataset.waiting ?? '';
  });
}

function enhanceLiveSearch(input: HTMLInputElement): void {
  const form = input.form;
  const results = document.getElementById(input.dataset.liveSearch ?? '');
  if (!form || !results) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ticket = ++latest;
      const url = new URL(form.action, location.href);
      url.search = new URLSearchParams({ q: input.value }).toString();
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      if (ticket !== latest || !response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById(results.id);
      if (!fresh) return;
      results.replaceChildren(...[...fresh.childNodes].map((node) => document.importNode(node, true)));
      history.replaceState(null, '', url);
    }, 200);
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-pow-challenge]')) {
  enhanceProofOfWork(form);
}
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-live-search]')) {
  enhanceLiveSearch(input);
}
