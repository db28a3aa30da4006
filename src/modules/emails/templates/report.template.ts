import { escapeHtml, layout, RenderedEmail } from './html';

/**
 * A scheduled report: the PDF attached, or (when it is larger than the attachment limit) a link
 * to download it from the API with the user's sign-in.
 */
export function renderReportEmail(input: {
  displayName: string;
  /** "Weekly progress report". */
  title: string;
  fromDate: string;
  toDate: string;
  attached: boolean;
  downloadUrl: string;
  /** Where the schedule is managed (turn it off). */
  manageUrl: string;
}): RenderedEmail {
  const period = `${input.fromDate} to ${input.toDate}`;
  const where = input.attached
    ? 'Your report is attached to this email as a PDF.'
    : 'Your report is too large to attach; download it from FitAI:';
  return {
    subject: `Your FitAI ${input.title.toLowerCase()}: ${period}`,
    text: [
      `Hi ${input.displayName},`,
      '',
      `${input.title}, ${period}.`,
      where,
      `Download: ${input.downloadUrl}`,
      '',
      `Manage your scheduled reports: ${input.manageUrl}`,
    ].join('\n'),
    html: layout(escapeHtml(input.title), [
      `Hi ${escapeHtml(input.displayName)},`,
      `${escapeHtml(input.title)}, ${escapeHtml(period)}. ${escapeHtml(where)}`,
      `<a href="${escapeHtml(input.downloadUrl)}">Download the PDF</a>`,
      `<a href="${escapeHtml(input.manageUrl)}" style="color:#7b8794">Manage your scheduled reports</a>`,
    ]),
  };
}
