/**
 * When the chat coach refuses: questions that ask for a medical judgement (docs/ai-chat.md,
 * "Refusals"). Checked before any intent, on the message lower-cased. A rule errs on the side of
 * refusing: a training question that mentions pain in passing ("does squatting help knee pain?")
 * is refused too, with a pointer to what the coach can answer.
 */
export interface MedicalRule {
  id: string;
  description: string;
  test: (text: string) => boolean;
  /** Symptoms that need prompt care: the refusal says so. */
  urgent?: boolean;
}

const PAIN =
  /\b(pain|painful|hurts?|hurting|aches?|aching|sore(ness)?|injur(y|ies|ed)|swollen|swelling|pop(ped)?|clicks?|tweak(ed)?|strain(ed)?|sprain(ed)?)\b/;
const JUDGEMENT =
  /\b(what is (it|this|that)|what's (it|this|that)|is (it|this|that)|could (it|this) be|do i have|have i got|why (do|does|is|am)|what's wrong|what is wrong|should i (worry|be worried)|is it serious|normal)\b/;

export const MEDICAL_RULES: MedicalRule[] = [
  {
    id: 'diagnosis',
    description: 'asks for a diagnosis by name ("diagnose", "diagnosis")',
    test: (text) => /\bdiagnos(e|is|ed|ing)\b/.test(text),
  },
  {
    id: 'pain-judgement',
    description:
      'mentions pain or an injury and asks what it is, why, or whether it is serious ("my knee hurts, is it a tear?")',
    test: (text) => PAIN.test(text) && JUDGEMENT.test(text),
  },
  {
    id: 'condition',
    description:
      'asks whether they have a condition (tendinitis, a tear, a hernia, a fracture, arthritis …)',
    test: (text) =>
      /\b(tendin(itis|osis)|tendonitis|torn|tear|hernia|fracture[ds]?|broken|arthritis|bursitis|sciatica|slipped disc|herniated|meniscus|acl|rotator cuff|concussion)\b/.test(
        text,
      ),
  },
  {
    id: 'medication',
    description: 'asks about medication, doses or treatment ("how much ibuprofen", "prescription")',
    test: (text) =>
      /\b(medication|medicine|prescri(be|ption)|dosage|dose of|ibuprofen|paracetamol|acetaminophen|painkillers?|antibiotics?|steroids?|insulin)\b/.test(
        text,
      ),
  },
  {
    id: 'red-flag',
    description:
      'describes symptoms that need prompt care (chest pain, fainting, numbness, palpitations, shortness of breath)',
    test: (text) =>
      /\b(chest pain|faint(ed|ing)?|pass(ed)? out|numb(ness)?|tingling|palpitations?|heart (attack|racing)|short(ness)? of breath|can't breathe|dizz(y|iness)|blood pressure)\b/.test(
        text,
      ),
    urgent: true,
  },
];

/** The rules a message trips (empty: not a medical question). */
export function medicalRulesHit(message: string): MedicalRule[] {
  const text = message.toLowerCase().replace(/[’‘]/g, "'");
  return MEDICAL_RULES.filter((rule) => rule.test(text));
}

/** The polite refusal, with the urgent line when a red-flag rule was hit. */
export function medicalRefusal(rules: MedicalRule[]): string {
  const urgent = rules.some((rule) => rule.urgent);
  return [
    "I'm sorry, I can't give medical advice or diagnose pain, injuries or illness: I'm a training coach, not a clinician.",
    urgent
      ? 'What you describe can need prompt care: please contact a doctor or emergency services now.'
      : 'A doctor or a physiotherapist can examine you and tell you what it is.',
    'I can help with your training itself: your best lifts, last week’s volume, your streaks, what to train today, or how your mood relates to training.',
  ].join(' ');
}
