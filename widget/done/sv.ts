// The thank-you view's sentences in Swedish: the same keys as fi.ts, checked by the DoneStrings type.
import type { DoneStrings } from '../done.tsx';

export const strings: DoneStrings = {
  done: 'Tack, din förfrågan har skickats!',
  expires: 'Företag i ditt område ser den till {n}.',
  hold: 'Förfrågan visas för företag först när dina kontaktuppgifter har bekräftats. En obekräftad förfrågan raderas efter {h} timmar.',
  mail: 'Vi har skickat ett bekräftelsemejl till dig. Bekräfta din e-postadress genom att öppna länken i meddelandet.',
  code: 'Bekräftelsekoden du fick per sms',
  codeHint: 'Vi har skickat en {d}-siffrig kod till din telefon. Den gäller i {m} minuter och du kan pröva den högst {a} gånger.',
  confirm: 'Bekräfta',
  confirmed: 'Ditt telefonnummer har bekräftats.',
  resend: 'Skicka en ny kod',
  left: 'Nya koder kvar: {n}.',
  noMore: 'Du kan inte be om fler nya koder.',
  sent: 'En ny kod har skickats. Den tidigare koden gäller inte längre.',
  manage: 'Spara den här länken: med den ändrar eller stänger du förfrågan och raderar dina kontaktuppgifter. Den visas bara nu.',
  more: {
    legend: 'Mer information för företagen (frivilligt)',
    firstName: 'Förnamn',
    firstNameHint: 'Syns bara för företag som köper förfrågan.',
    number: 'Ange ett heltal mellan {min} och {max}.',
  },
  errors: {
    invalid: 'Skriv kodens {d} siffror.',
    wrong: 'Koden stämmer inte. Försök kvar: {n}.',
    used_up: 'Koden har prövats för många gånger. Be om en ny kod.',
    stale: 'Koden gäller inte längre. Be om en ny kod.',
    rate: 'För många försök. Försök igen om några minuter.',
    network: 'Anslutningen bröts. Försök igen.',
    server: 'Tjänsten har en störning. Försök snart igen.',
  },
};
