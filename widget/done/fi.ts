// The thank-you view's sentences in Finnish (widget/done.tsx): a chunk per language, loaded
// with that view once the visitor starts typing, not with the form. Its keys define `DoneStrings`.
// {n} is filled in by the view; {h} {d} {m} {a} are api/config.ts `confirmation`'s numbers.
// `more` is the form's optional section's (widget/more.tsx), loaded at the same moment.
export const strings = {
  done: 'Kiitos, pyyntösi on lähetetty!',
  expires: 'Alueesi yritykset näkevät sen {n} asti.',
  hold: 'Pyyntö näytetään yrityksille vasta, kun yhteystietosi on vahvistettu. Vahvistamaton pyyntö poistetaan {h} tunnin kuluttua.',
  mail: 'Lähetimme sinulle vahvistusviestin. Vahvista sähköpostiosoitteesi avaamalla viestissä oleva linkki.',
  code: 'Tekstiviestillä saamasi vahvistuskoodi',
  codeHint: 'Lähetimme puhelimeesi {d}-numeroisen koodin. Se on voimassa {m} minuuttia, ja voit kokeilla sitä enintään {a} kertaa.',
  confirm: 'Vahvista',
  confirmed: 'Puhelinnumerosi on vahvistettu.',
  resend: 'Lähetä uusi koodi',
  left: 'Uusia koodeja jäljellä: {n}.',
  noMore: 'Uusia koodeja ei voi enää pyytää.',
  sent: 'Uusi koodi on lähetetty. Aiempi koodi ei enää toimi.',
  manage: 'Tallenna tämä linkki: sillä muokkaat tai suljet pyynnön ja poistat yhteystietosi. Näytämme sen vain nyt.',
  /** {min} and {max} are the bounds of the number asked. */
  more: {
    legend: 'Lisätietoja yrityksille (vapaaehtoinen)',
    firstName: 'Etunimi',
    firstNameHint: 'Näkyy vain pyynnön ostaville yrityksille.',
    number: 'Anna kokonaisluku väliltä {min}–{max}.',
  },
  errors: {
    invalid: 'Kirjoita koodin {d} numeroa.',
    wrong: 'Koodi ei ole oikein. Voit yrittää vielä {n} kertaa.',
    used_up: 'Koodia on kokeiltu liian monta kertaa. Pyydä uusi koodi.',
    stale: 'Koodi ei ole enää voimassa. Pyydä uusi koodi.',
    rate: 'Liian monta yritystä. Yritä muutaman minuutin päästä uudelleen.',
    network: 'Yhteys katkesi. Yritä uudelleen.',
    server: 'Palvelussa on häiriö. Yritä pian uudelleen.',
  },
};
