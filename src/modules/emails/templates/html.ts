const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes user-provided text (names, notes) before it goes into an HTML email. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The shared frame of every FitAI email: a heading, paragraphs, a footer. */
export function layout(heading: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join('\n');
  return `<!doctype html>
<html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:22px">${heading}</h1>
${body}
<p style="color:#7b8794;font-size:12px">FitAI — you receive this email because you have a FitAI account.</p>
</body></html>`;
}
