import type { MailStrings } from './fi.ts';

export const sv: MailStrings = {
  footer: 'Linkki – offertförfrågningar för renoveringar',
  privacy: 'Dataskyddsbeskrivning',
  facts: {
    category: 'Typ av arbete',
    description: 'Beskrivning',
    postalCode: 'Postnummer',
    town: 'Ort',
    region: 'Landskap',
    firstName: 'Förnamn',
    email: 'E-post',
    phone: 'Telefon',
    expires: 'Synlig till',
    created: 'Lämnad',
    price: 'Pris (moms 0 %)',
    boughtAt: 'Köpt',
    purchaseId: 'Köpets nummer',
  },
  confirmation: {
    subject: 'Din offertförfrågan har tagits emot',
    intro: (until) =>
      `Tack! Din förfrågan syns för renoveringsföretag till ${until}. Företag som köper förfrågan får dina kontaktuppgifter och kontaktar dig.`,
    sent: 'Uppgifterna du skickade',
    manage: 'Hantera din förfrågan',
    manageText:
      'Via länken ser du din förfrågan och dess köpare, rättar uppgifter, förbjuder marknadsföring, stänger förfrågan eller raderar dina kontaktuppgifter. Länken är personlig: dela den inte.',
    confirm: 'Bekräfta din e-postadress',
    confirmText: 'Bekräfta adressen med ett klick. Därefter ser företagen att dina kontaktuppgifter är bekräftade.',
    confirmHeld: (hours) =>
      `Din förfrågan syns för företag först när du har bekräftat din e-postadress. En obekräftad förfrågan raderas efter ${hours} timmar.`,
  },
  sms: {
    code: (code, minutes, url) =>
      `Linkki: din bekräftelsekod är ${code} (gäller i ${minutes} min). Berätta den inte för någon. Du kan också ange koden på din förfrågans sida: ${url}`,
  },
  bought: {
    subject: (company) => `${company} köpte din offertförfrågan`,
    intro: (company) => `${company} har fått dina kontaktuppgifter och kan kontakta dig.`,
    count: (n, max) => `Förfrågan har nu köpts av ${n}/${max} företag.`,
    manageHint: 'Du kan stänga förfrågan eller radera dina kontaktuppgifter via hanteringslänken i bekräftelsemeddelandet.',
  },
  expiring: {
    subject: (until) => `Din offertförfrågan stängs ${until}`,
    intro: (until) =>
      `Din förfrågan syns för företag till ${until}. Om du redan har hittat någon som gör jobbet kan du stänga förfrågan nu.`,
    close: 'Stäng förfrågan',
    manage: 'Hantera din förfrågan',
  },
  feedback: {
    subject: 'Hur går det med renoveringen?',
    intro: 'Vi hoppas att du hittade rätt företag. När nästa renovering står i tur kan du lämna en ny offertförfrågan.',
    action: 'Lämna en ny offertförfrågan',
    why: 'Du får det här meddelandet eftersom du lämnade en offertförfrågan via Linkki. Du kan förbjuda marknadsföring på förfrågans hanteringssida (länken finns i bekräftelsemeddelandet).',
  },
  alert: {
    subject: (category, region) => `Ny offertförfrågan: ${category}, ${region}`,
    intro: 'En ny offertförfrågan från ditt företags områden och typer av arbete:',
    open: 'Visa förfrågan',
  },
  digest: {
    subject: (n) => (n === 1 ? '1 ny offertförfrågan' : `${n} nya offertförfrågningar`),
    intro: 'Nya offertförfrågningar från ditt företags områden och typer av arbete under det senaste dygnet:',
  },
  alertsFooter: {
    instant: 'Du får ett meddelande om varje ny förfrågan.',
    daily: 'Du får nya förfrågningar en gång om dagen som sammandrag.',
    settings: 'Aviseringsinställningar',
    unsubscribe: 'Sluta skicka aviseringar',
  },
  receipt: {
    subject: (category, region) => `Kvitto: du köpte en offertförfrågan (${category}, ${region})`,
    intro: 'Du köpte en offertförfrågan. Kundens kontaktuppgifter ser du i tjänsten.',
    open: 'Visa förfrågan och kontaktuppgifterna',
    billing: 'Köpet faktureras på nästa månadsfaktura, med mervärdesskatt.',
  },
  invoice: {
    subject: (number, period) => `Faktura ${number}: Linkki, ${period}`,
    intro: (period) => `Ditt företags Linkki-faktura för ${period} är klar. Specifikationen och fakturan för utskrift finns i tjänsten.`,
    number: 'Fakturanummer',
    total: 'Totalt (inkl. moms)',
    due: 'Förfallodag',
    reference: 'Referensnummer',
    open: 'Visa fakturan',
  },
  invite: {
    subject: (company) => (company ? `Inbjudan till Linkki: ${company}` : 'Inbjudan till Linkkis administration'),
    intro: (company) =>
      company ? `Ett användarkonto i Linkki har skapats åt dig för ${company}.` : 'Ett administratörskonto i Linkki har skapats åt dig.',
    action: 'Välj lösenord',
    valid: (days) => `Länken fungerar i ${days} dagar och en gång.`,
    ignore: 'Om du inte väntade dig det här meddelandet kan du låta bli att svara.',
  },
  reset: {
    subject: 'Byte av lösenord i Linkki',
    intro: 'Någon bad om att byta ditt lösenord. Välj ett nytt lösenord via länken nedan.',
    action: 'Välj nytt lösenord',
    valid: (hours) => `Länken fungerar i ${hours} timmar och en gång.`,
    ignore: 'Om du inte bad om bytet kan du låta bli meddelandet: ditt lösenord ändras inte.',
  },
  emailChanged: {
    subject: 'E-postadressen för ditt Linkki-konto har ändrats',
    intro: (at) =>
      `E-postadressen för ditt användarkonto i Linkki ändrades ${at}. Linkki skickar inte längre meddelanden till den här adressen.`,
    notYou:
      'Om du inte själv ändrade adressen, kontakta genast ditt företags ägare eller Linkkis administration: någon annan kan använda ditt konto.',
  },
  addAttempt: {
    subject: 'Någon försökte lägga till dig i Linkki',
    intro: (company) =>
      company
        ? `Företaget ${company} försökte lägga till dig som användare i Linkki. Du har redan ett Linkki-konto med den här adressen, så inget nytt konto skapades.`
        : 'Någon försökte lägga till dig som användare i Linkki. Du har redan ett Linkki-konto med den här adressen, så inget nytt konto skapades.',
    action: 'Logga in i Linkki',
    ignore: 'Om du vill bli användare för ett annat företag, kontakta Linkkis administration. Annars kan du låta bli meddelandet.',
  },
};
