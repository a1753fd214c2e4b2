// The privacy notice (tietosuojaseloste), generated from api/config.ts so that its numbers are
// the ones the jobs enforce. Linked from the widget's consent checkbox.
import { html } from 'hono/html';
import { confirmation, privacyNoticeVersion, retention } from '../../api/config.ts';
import type { Locale } from '../../api/contract/request.ts';
import { layout } from './layout.ts';

const r = retention;
const c = confirmation;
const total = r.archiveMonths + Math.ceil((r.visibleDays + r.backupDays) / 30);

/** The confirmation section: always how, and in hold mode (REQUIRE_CONFIRMED_CONTACT) when an unconfirmed request is deleted. */
const confirming: Record<Locale, { title: string; how: string; held: string }> = {
  fi: {
    title: 'Yhteystietojen vahvistus',
    how: `Vahvistusviestissä on linkki, jolla vahvistat sähköpostiosoitteesi. Jos annoit vain puhelinnumeron, lähetämme siihen tekstiviestillä ${c.codeDigits}-numeroisen koodin (välittäjänä 46elks, EU). Koodista tallennetaan vain tiiviste, ja se poistetaan yhteystietojen mukana. Yritykset näkevät, onko yhteystieto vahvistettu.`,
    held: `Pyyntö näytetään yrityksille vasta, kun yhteystieto on vahvistettu. Vahvistamaton pyyntö poistetaan ${c.holdHours} tunnin kuluttua lähettämisestä.`,
  },
  sv: {
    title: 'Bekräftelse av kontaktuppgifter',
    how: `Bekräftelsemeddelandet har en länk som bekräftar din e-postadress. Om du bara angav ett telefonnummer skickar vi en ${c.codeDigits}-siffrig kod med sms (via 46elks, EU). Av koden sparas bara en hashsumma, och den raderas med kontaktuppgifterna. Företagen ser om kontaktuppgiften är bekräftad.`,
    held: `Förfrågan visas för företag först när kontaktuppgiften är bekräftad. En obekräftad förfrågan raderas ${c.holdHours} timmar efter att den skickades.`,
  },
  en: {
    title: 'Confirming your contact details',
    how: `The confirmation mail has a link that confirms your e-mail address. If you gave only a phone number, we text it a ${c.codeDigits}-digit code (through 46elks, EU). Only a hash of the code is stored, and it is deleted with your contact details. Companies see whether your contact details are confirmed.`,
    held: `A request is shown to companies only once its contact is confirmed. An unconfirmed request is deleted ${c.holdHours} hours after it was sent.`,
  },
};

const texts: Record<Locale, { title: string; sections: [string, string][] }> = {
  fi: {
    title: 'Tietosuojaseloste',
    sections: [
      [
        'Mitä tallennamme',
        'Tarjouspyynnöstä tallennamme asiakastyypin, työn lajin, kuvauksen, vastauksesi lisäkysymyksiin (aikataulu, kohde, koko, budjetti ja työn lajin omat kysymykset), postinumeron, maakunnan, paikkakunnan jos annoit sen, etunimesi jos annoit sen sekä sähköpostin ja/tai puhelinnumeron. Yhteystiedot salataan ja säilytetään erillään pyynnöstä. IP-osoitettasi ei tallenneta tietokantaan.',
      ],
      [
        'Kuka näkee yhteystietosi',
        'Vain yritykset, jotka ostavat pyyntösi, näkevät etunimesi, puhelinnumerosi ja sähköpostisi. Muut näkevät pyynnön ilman yhteystietoja. Tietoja ei luovuteta muille eikä siirretä EU/ETA-alueen ulkopuolelle.',
      ],
      [
        'Kuinka kauan',
        `Pyyntö näkyy yrityksille enintään ${r.visibleDays} päivää. Ostaneiden yritysten arkistossa se säilyy ${r.archiveMonths} kuukautta pyynnön päättymisestä, minkä jälkeen yhteystiedot ja muut henkilötiedot poistetaan. Varmuuskopiot säilytetään enintään ${r.backupDays} päivää, joten tietosi poistuvat kaikkialta noin ${total} kuukaudessa.`,
      ],
      [
        'Oikeutesi',
        'Saat nähdä tietosi, korjata ne, kieltää markkinoinnin, sulkea pyyntösi ja poistaa yhteystietosi milloin tahansa henkilökohtaisella hallintalinkilläsi. Muut pyynnöt tehdään kirjallisesti rekisterinpitäjälle.',
      ],
    ],
  },
  sv: {
    title: 'Dataskyddsbeskrivning',
    sections: [
      [
        'Vad vi sparar',
        'Av offertförfrågan sparar vi kundtyp, typ av arbete, beskrivning, dina svar på tilläggsfrågorna (tidtabell, objekt, storlek, budget och frågor om just det arbetet), postnummer, landskap, ort om du angav den, ditt förnamn om du angav det samt e-post och/eller telefonnummer. Kontaktuppgifterna krypteras och förvaras skilt från förfrågan. Din IP-adress sparas inte i databasen.',
      ],
      [
        'Vem ser dina kontaktuppgifter',
        'Endast företag som köper din förfrågan ser ditt förnamn, ditt telefonnummer och din e-post. Andra ser förfrågan utan kontaktuppgifter. Uppgifterna lämnas inte ut och överförs inte utanför EU/EES.',
      ],
      [
        'Hur länge',
        `Förfrågan syns för företag högst ${r.visibleDays} dagar. I köparnas arkiv finns den ${r.archiveMonths} månader efter att förfrågan avslutats, därefter raderas kontaktuppgifterna och övriga personuppgifter. Säkerhetskopior sparas högst ${r.backupDays} dagar, så dina uppgifter försvinner överallt inom cirka ${total} månader.`,
      ],
      [
        'Dina rättigheter',
        'Du kan se, rätta, förbjuda marknadsföring, stänga din förfrågan och radera dina kontaktuppgifter när som helst via din personliga hanteringslänk. Andra begäranden görs skriftligen till den personuppgiftsansvarige.',
      ],
    ],
  },
  en: {
    title: 'Privacy notice',
    sections: [
      [
        'What we store',
        'From your request we store the customer type, kind of work, description, your answers to the optional questions (timing, property, size, budget and the questions on the kind of work), postal code, region, town if you gave it, your first name if you gave it, and your email and/or phone number. Contact details are encrypted and kept apart from the request. Your IP address is not stored in the database.',
      ],
      [
        'Who sees your contact details',
        'Only companies that buy your request see your first name, phone number and email. Others see the request without contact details. Nothing is disclosed to outside parties or transferred outside the EU/EEA.',
      ],
      [
        'How long',
        `A request is visible to companies for at most ${r.visibleDays} days. It stays in the buyers' archive for ${r.archiveMonths} months after the request ended; then its contact details and other personal data are deleted. Backups are kept at most ${r.backupDays} days, so your data is gone everywhere within about ${total} months.`,
      ],
      [
        'Your rights',
        'You can see your data, correct it, forbid marketing, close your request and erase your contact details at any time with your personal manage link. Other requests are made in writing to the controller.',
      ],
    ],
  },
};

/** `held`: REQUIRE_CONFIRMED_CONTACT is on, and the notice says what it does to an unconfirmed request. */
export function privacyPage(lang: Locale, { held }: { held: boolean }) {
  const t = texts[lang];
  const k = confirming[lang];
  const sections: [string, string][] = [...t.sections.slice(0, 3), [k.title, held ? `${k.how} ${k.held}` : k.how], ...t.sections.slice(3)];
  return layout(
    lang,
    t.title,
    html`<h1>${t.title}</h1>
${sections.map(([h, p]) => html`<h2>${h}</h2><p>${p}</p>`)}
<p class="meta">${privacyNoticeVersion}</p>
<nav aria-label="${t.title}">${(['fi', 'sv', 'en'] as const).map((l) => html`<a href="/privacy?lang=${l}" lang="${l}">${l.toUpperCase()}</a> `)}</nav>`,
  );
}
