"""The minimum topics of helse- og omsorgstjenesteloven § 6-2 first paragraph (seed 003,
«Krav til avtalens innhold»). They are law: a data migration loads them, and the demo makes
sure they are there after a database was flushed."""

TOPICS = [
    "enighet om hvilke helse- og omsorgsoppgaver forvaltningsnivåene er pålagt ansvaret for og "
    "en felles oppfatning av hvilke tiltak partene til enhver tid skal utføre",
    "retningslinjer for samarbeid i tilknytning til innleggelse, utskrivning, habilitering, "
    "rehabilitering og lærings- og mestringstilbud for å sikre helhetlige og sammenhengende "
    "helse- og omsorgstjenester til pasienter med behov for koordinerte tjenester",
    "retningslinjer for innleggelse i sykehus",
    "beskrivelse av kommunens tilbud om døgnopphold for øyeblikkelig hjelp etter § 3-5 tredje "
    "ledd",
    "retningslinjer for samarbeid om utskrivningsklare pasienter som antas å ha behov for "
    "kommunale tjenester etter utskrivning fra institusjon",
    "retningslinjer for gjensidig kunnskapsoverføring og informasjonsutveksling og for faglige "
    "nettverk og hospitering",
    "samarbeid om forskning, utdanning, praksis og læretid",
    "samarbeid om jordmortjenester",
    "samarbeid om IKT-løsninger lokalt",
    "samarbeid om forebygging",
    "omforente beredskapsplaner og planer for den akuttmedisinske kjeden",
    "konkret beskrivelse av hvordan partene sammen skal utvikle og planlegge tjenestene",
    "samarbeid om ytelse av helse- og omsorgstjenester til barn og unge med sammensatte vansker "
    "og lidelser, og som derfor mottar tjenester fra begge forvaltningsnivåene",
]


def ensure_topics(topic_model):
    for number, title in enumerate(TOPICS, start=1):
        topic_model.objects.update_or_create(number=number, defaults={"title": title})
