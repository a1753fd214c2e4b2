// Finnish mail texts, the first language; sv and en are typed against this module.
export const fi = {
  footer: 'Linkki – remonttien tarjouspyynnöt',
  privacy: 'Tietosuojaseloste',
  facts: {
    category: 'Työn laji',
    description: 'Kuvaus',
    postalCode: 'Postinumero',
    town: 'Paikkakunta',
    region: 'Maakunta',
    firstName: 'Etunimi',
    email: 'Sähköposti',
    phone: 'Puhelin',
    expires: 'Näkyvissä asti',
    created: 'Jätetty',
    price: 'Hinta (alv 0 %)',
    boughtAt: 'Ostettu',
    purchaseId: 'Oston tunnus',
  },
  confirmation: {
    subject: 'Tarjouspyyntösi on vastaanotettu',
    intro: (until: string) =>
      `Kiitos! Pyyntösi näkyy remonttiyrityksille ${until} asti. Yritykset, jotka ostavat pyynnön, saavat yhteystietosi ja ottavat sinuun yhteyttä.`,
    sent: 'Lähettämäsi tiedot',
    manage: 'Hallitse pyyntöäsi',
    manageText:
      'Linkillä näet pyyntösi ja sen ostajat, korjaat tietoja, kiellät markkinoinnin, suljet pyynnön tai poistat yhteystietosi. Linkki on henkilökohtainen: älä jaa sitä.',
    confirm: 'Vahvista sähköpostiosoitteesi',
    confirmText: 'Vahvista osoitteesi yhdellä napsautuksella. Sen jälkeen yritykset näkevät, että yhteystietosi on vahvistettu.',
    confirmHeld: (hours: number) =>
      `Pyyntösi näkyy yrityksille vasta, kun olet vahvistanut sähköpostiosoitteesi. Vahvistamaton pyyntö poistetaan ${hours} tunnin kuluttua.`,
  },
  sms: {
    code: (code: string, minutes: number, url: string) =>
      `Linkki: vahvistuskoodisi on ${code} (voimassa ${minutes} min). Älä kerro sitä muille. Voit syöttää koodin myös pyyntösi sivulla: ${url}`,
  },
  bought: {
    subject: (company: string) => `${company} osti tarjouspyyntösi`,
    intro: (company: string) => `${company} on saanut yhteystietosi ja voi ottaa sinuun yhteyttä.`,
    count: (n: number, max: number) => `Pyynnön on nyt ostanut ${n}/${max} yritystä.`,
    manageHint: 'Voit sulkea pyynnön tai poistaa yhteystietosi hallintalinkillä, jonka sait vahvistusviestissä.',
  },
  expiring: {
    subject: (until: string) => `Tarjouspyyntösi sulkeutuu ${until}`,
    intro: (until: string) => `Pyyntösi näkyy yrityksille ${until} asti. Jos olet jo löytänyt tekijän, voit sulkea pyynnön nyt.`,
    close: 'Sulje pyyntö',
    manage: 'Hallitse pyyntöäsi',
  },
  feedback: {
    subject: 'Miten remonttisi edistyy?',
    intro: 'Toivottavasti löysit sopivan tekijän. Kun seuraava remontti on edessä, jätä uusi tarjouspyyntö.',
    action: 'Jätä uusi tarjouspyyntö',
    why: 'Saat tämän viestin, koska jätit tarjouspyynnön Linkin kautta. Voit kieltää markkinoinnin pyyntösi hallintasivulla (linkki vahvistusviestissä).',
  },
  alert: {
    subject: (category: string, region: string) => `Uusi tarjouspyyntö: ${category}, ${region}`,
    intro: 'Uusi tarjouspyyntö yrityksesi alueelta ja työn lajeista:',
    open: 'Katso pyyntö',
  },
  digest: {
    subject: (n: number) => (n === 1 ? '1 uusi tarjouspyyntö' : `${n} uutta tarjouspyyntöä`),
    intro: 'Uudet tarjouspyynnöt yrityksesi alueelta ja työn lajeista viimeisen vuorokauden ajalta:',
  },
  alertsFooter: {
    instant: 'Saat ilmoituksen jokaisesta uudesta pyynnöstä.',
    daily: 'Saat uudet pyynnöt kerran päivässä koosteena.',
    settings: 'Ilmoitusasetukset',
    unsubscribe: 'Lopeta ilmoitukset',
  },
  receipt: {
    subject: (category: string, region: string) => `Kuitti: ostit tarjouspyynnön (${category}, ${region})`,
    intro: 'Ostit tarjouspyynnön. Asiakkaan yhteystiedot näet palvelussa.',
    open: 'Katso pyyntö ja yhteystiedot',
    billing: 'Osto laskutetaan seuraavalla kuukausilaskulla, johon lisätään arvonlisävero.',
  },
  invoice: {
    subject: (number: string, period: string) => `Lasku ${number}: Linkki, ${period}`,
    intro: (period: string) => `Yrityksesi Linkki-lasku ajalta ${period} on valmis. Laskun erittely ja tulostettava lasku ovat palvelussa.`,
    number: 'Laskun numero',
    total: 'Yhteensä (sis. alv)',
    due: 'Eräpäivä',
    reference: 'Viitenumero',
    open: 'Katso lasku',
  },
  invite: {
    subject: (company: string | null) => (company ? `Kutsu Linkkiin: ${company}` : 'Kutsu Linkin ylläpitoon'),
    intro: (company: string | null) =>
      company
        ? `Sinulle on luotu käyttäjätunnus Linkkiin yritykselle ${company}.`
        : 'Sinulle on luotu ylläpitäjän käyttäjätunnus Linkkiin.',
    action: 'Aseta salasana',
    valid: (days: number) => `Linkki toimii ${days} päivää ja kerran.`,
    ignore: 'Jos et odottanut tätä viestiä, voit jättää sen huomiotta.',
  },
  reset: {
    subject: 'Linkin salasanan vaihto',
    intro: 'Salasanasi vaihtoa pyydettiin. Aseta uusi salasana alla olevasta linkistä.',
    action: 'Aseta uusi salasana',
    valid: (hours: number) => `Linkki toimii ${hours} tuntia ja kerran.`,
    ignore: 'Jos et pyytänyt vaihtoa, voit jättää viestin huomiotta: salasanasi ei muutu.',
  },
  emailChanged: {
    subject: 'Linkki-tunnuksesi sähköpostiosoite vaihdettiin',
    intro: (at: string) =>
      `Linkki-käyttäjätunnuksesi sähköpostiosoite vaihdettiin ${at}. Tähän osoitteeseen ei enää lähetetä Linkin viestejä.`,
    notYou:
      'Jos et itse vaihtanut osoitetta, ota heti yhteyttä yrityksesi omistajaan tai Linkin ylläpitoon: joku muu voi käyttää tunnustasi.',
  },
  addAttempt: {
    subject: 'Sinut yritettiin lisätä Linkkiin',
    intro: (company: string | null) =>
      company
        ? `Yritys ${company} yritti lisätä sinut käyttäjäkseen Linkkiin. Sinulla on jo Linkki-tunnus tällä osoitteella, joten uutta tunnusta ei luotu.`
        : 'Sinut yritettiin lisätä Linkin käyttäjäksi. Sinulla on jo Linkki-tunnus tällä osoitteella, joten uutta tunnusta ei luotu.',
    action: 'Kirjaudu Linkkiin',
    ignore: 'Jos haluat siirtyä toisen yrityksen käyttäjäksi, ota yhteyttä Linkin ylläpitoon. Muuten voit jättää viestin huomiotta.',
  },
};

type Widen<T> = T extends string ? string : T extends (...a: infer A) => infer R ? (...a: A) => R : { [K in keyof T]: Widen<T[K]> };
export type MailStrings = Widen<typeof fi>;
