import {
  isNameLike,
  parsePeopleText,
  parsePersonLine,
  parseTableHeader,
  resolvePersonName,
  splitRunTogether,
} from './people-lines';

const person = (line: string, columns?: Parameters<typeof parsePersonLine>[1]) => {
  const p = parsePersonLine(line, columns);
  return (
    p && {
      name: p.name,
      organisation: p.organisation,
      remote: p.remote,
      chair: p.chair,
      secretariat: p.secretariat,
    }
  );
};

describe('people lines', () => {
  describe('parsePersonLine', () => {
    it.each([
      ['Dag Aanensen - Drammensregionen', 'Dag Aanensen', 'Drammensregionen'],
      ['Trond arne Ingvoldstad  - Ringeriksregionen', 'Trond arne Ingvoldstad', 'Ringeriksregionen'],
      ['• Torbjørn Eide, Statsforvalteren i Vestland', 'Torbjørn Eide', 'Statsforvalteren i Vestland'],
      ['Tove Guldbrandsen (Kongsvingerregionen)', 'Tove Guldbrandsen', 'Kongsvingerregionen'],
      ['Maria Hermansdatter Hoff Lillestrøm kommune', 'Maria Hermansdatter Hoff', 'Lillestrøm kommune'],
      ['Helge Hasvold Bollæren Søndre Viken regionråd', 'Helge Hasvold Bollæren', 'Søndre Viken regionråd'],
      ['Terje Pettersen Mosseregionen/Moss kommune', 'Terje Pettersen', 'Mosseregionen/Moss kommune'],
      ['Jannicke Mykkestue Klosser Innovasjon', 'Jannicke Mykkestue', 'Klosser Innovasjon'],
      ['Vibeke Buraas Dyrnes Hadeland', 'Vibeke Buraas Dyrnes', 'Hadeland'],
      ['Anne Feltman Asker - Bærum', 'Anne Feltman', 'Asker - Bærum'],
      ['Unni Larsen Asker- Bærum', 'Unni Larsen', 'Asker- Bærum'],
      ['Eva Marie Hjelle     Reiselivslaget Fjordkysten', 'Eva Marie Hjelle', 'Reiselivslaget Fjordkysten'],
      ['Leder Gunnar Vestre, Midtlia kommune', 'Gunnar Vestre', 'Midtlia kommune'],
    ])('splits "%s"', (line, name, organisation) => {
      expect(person(line)).toMatchObject({ name, organisation });
    });

    it('reads remote markers in parentheses, after a dash and after a comma', () => {
      expect(person('Anne Solheim - Oslo kommune (digitalt)')).toMatchObject({
        organisation: 'Oslo kommune',
        remote: true,
      });
      expect(person('Gaute Rye (Western Norway University) – via Teams')).toMatchObject({
        name: 'Gaute Rye',
        remote: true,
      });
      expect(person('Siri Nævdal, Elvdal kommune, digitalt')).toMatchObject({
        organisation: 'Elvdal kommune',
        remote: true,
      });
      expect(person('Dag Aanensen - Drammensregionen')?.remote).toBe(false);
    });

    it('reads chair and secretariat roles', () => {
      expect(person('Eli Arnkværn Bryhni (møteleder) Hamarregionen utvikling')).toMatchObject({
        name: 'Eli Arnkværn Bryhni',
        organisation: 'Hamarregionen utvikling',
        chair: true,
      });
      expect(person('Mari Strømsvåg - Osloregionen (sekretær)')).toMatchObject({
        organisation: 'Osloregionen',
        secretariat: true,
      });
    });

    it('reads a role beside the organisation in one parenthesis', () => {
      expect(person('Olav Strand (Chair, Sørfjord Municipality)')).toMatchObject({
        organisation: 'Sørfjord Municipality',
        chair: true,
      });
    });

    it('reads a substitute', () => {
      expect(parsePersonLine('Lars Ødegård   Elvdal kommune (vara for Bente Aune)')?.substituteFor).toBe(
        'Bente Aune',
      );
    });

    it('reads the substitute from a "Møtte for" column', () => {
      const columns = parseTableHeader('Navn                    Møtte for       Representerer');
      expect(columns).toEqual(['name', 'substitute', 'org']);
      expect(
        parsePersonLine('Marit Lyngstad          Reidar Tollefsen    Fjordvik Ap', columns),
      ).toMatchObject({
        name: 'Marit Lyngstad',
        substituteFor: 'Reidar Tollefsen',
        organisation: 'Fjordvik Ap',
      });
    });

    it('maps cells to a known header', () => {
      const columns = parseTableHeader('Fornavn   Etternavn   Organisasjon');
      expect(columns).toEqual(['first', 'last', 'org']);
      expect(person('Anne Kristine   Feltman   Bærum kommune', columns)).toMatchObject({
        name: 'Anne Kristine Feltman',
        organisation: 'Bærum kommune',
      });
      expect(
        person('Gunn Brekke\tVestbygd kommune\tLeder', parseTableHeader('Navn\tOrganisasjon\tRolle')),
      ).toMatchObject({ name: 'Gunn Brekke', chair: true });
    });

    it('keeps markup in a name as plain text when it still reads as a name', () => {
      expect(person('<b>Kari</b> Nordmann, Sørfjord <i>kommune</i>')).toMatchObject({
        name: '<b>Kari</b> Nordmann',
        organisation: 'Sørfjord <i>kommune</i>',
      });
      expect(parsePersonLine('Kari <script>alert(1)</script>')).toBeNull();
    });

    it.each([
      'Sakspapirer og vedlegg kan lastes ned her',
      'Saker',
      'Oslo kommune',
      '1. Godkjenning av innkalling',
      '',
    ])('rejects "%s"', (line) => {
      expect(parsePersonLine(line)).toBeNull();
    });
  });

  describe('parsePeopleText', () => {
    it('splits a comma and "og" list of names', () => {
      expect(parsePeopleText('Øyvind Såtvedt, Mari Strømsvåg, Thelma Bay Bang').map((p) => p.name)).toEqual([
        'Øyvind Såtvedt',
        'Mari Strømsvåg',
        'Thelma Bay Bang',
      ]);
      expect(parsePeopleText('Oskar Lunde og Mia Sørheim').map((p) => p.name)).toEqual([
        'Oskar Lunde',
        'Mia Sørheim',
      ]);
    });

    it('splits a list of names with organisations in parentheses', () => {
      const people = parsePeopleText('Eirik Sandvik (Nordhavn kommune), Live Bjørke (Storøya kommune)');
      expect(people.map((p) => [p.name, p.organisation])).toEqual([
        ['Eirik Sandvik', 'Nordhavn kommune'],
        ['Live Bjørke', 'Storøya kommune'],
      ]);
    });

    it('splits at semicolons and keeps "Name, Organisation" together', () => {
      const people = parsePeopleText(
        'Silje Haugen, Elvdal kommune (leder); Petter Moen, Sørfjord kommune (digitalt)',
      );
      expect(people.map((p) => [p.name, p.organisation, p.chair, p.remote])).toEqual([
        ['Silje Haugen', 'Elvdal kommune', true, false],
        ['Petter Moen', 'Sørfjord kommune', false, true],
      ]);
    });

    it('reads "Name, Organisation" as one person', () => {
      expect(parsePeopleText('Kari Nordmann, Bergen kommune').map((p) => p.name)).toEqual(['Kari Nordmann']);
    });
  });

  describe('helpers', () => {
    it('tells names from other text', () => {
      expect(isNameLike('Hanne-Mai Eriksen')).toBe(true);
      expect(isNameLike('Trond arne Ingvoldstad')).toBe(true);
      expect(isNameLike('Oslo Rådhus')).toBe(false);
      expect(isNameLike('Bærum kommune')).toBe(false);
      expect(isNameLike('Kari')).toBe(false);
    });

    it('defaults to a two-word name when nothing marks the organisation', () => {
      expect(splitRunTogether('Kari Nordmann Fjordkysten Reiseliv')).toEqual({
        name: 'Kari Nordmann',
        organisation: 'Fjordkysten Reiseliv',
      });
      expect(splitRunTogether('Bjarne Hugo Johannessen')).toEqual({
        name: 'Bjarne Hugo Johannessen',
        organisation: null,
      });
    });

    it('resolves a short or variant mention to one known person', () => {
      const roster = [
        'Hanne-Mai Eriksen',
        'Eli Arnkværn Bryhni',
        'Kari Halvorsrud',
        'Kari Elisabeth Halvorsrud',
        'Håkon Gjems',
      ];
      expect(resolvePersonName('Hanne Mai', roster)).toBe('Hanne-Mai Eriksen');
      expect(resolvePersonName('Eli Bryhni', roster)).toBe('Eli Arnkværn Bryhni');
      expect(resolvePersonName('Haakon Gjems', roster)).toBe('Håkon Gjems');
      expect(resolvePersonName('Kari', roster)).toBe('Kari');
      expect(resolvePersonName('Ola Nordmann', roster)).toBe('Ola Nordmann');
    });
  });
});
