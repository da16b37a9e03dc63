"""Valence lexicons for customer feedback, Dutch and English, as data.

Written for belofte from scratch (no third-party lexicon was copied): the words
customers of shops, webshops, delivery and service desks use, each with a
valence in [-1, 1]. Keys are in token ``norm`` form (see ``text.tokens.fold``):
lower case, accents folded, no letter repeated three times. Multi-word
expressions are tuples of norms and win over their single words ("te laat",
"geen probleem", "waste of time"). Inflected forms (``-e``, ``-er``, ``-ste``,
``-ly``, ``-ed``) and compounds ("klantonvriendelijk", "superslecht") are
derived by ``text.sentiment`` and need no entry of their own.

Tables are written as ``word value`` pairs in text blocks (``_`` joins the
words of an expression) so the data stays readable; they are parsed once at
import into the read-only mappings below.

Version 1 (2026): about 670 Dutch and 560 English words and expressions, 130
emoji and emoticons.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = [
    "EMOJI_VALENCE",
    "EVALUATIVE_PREFIXES",
    "INTENSIFIERS",
    "INTENSIFIER_PREFIXES",
    "MODIFIER_PHRASES",
    "NEGATIVE_ONLY_MODIFIERS",
    "NEGATIVE_PREFIXES",
    "NEGATORS",
    "NEGATOR_VALENCE",
    "PHRASES",
    "VALENCE",
]


def _table(text: str) -> dict[str, float]:
    """``word value`` pairs, whitespace separated, into a dict; ``.6-`` is -0.6."""
    items = text.split()
    if len(items) % 2:
        raise ValueError(f"odd number of items near {items[-3:]}")
    table: dict[str, float] = {}
    for word, value in zip(items[::2], items[1::2], strict=True):
        if word in table:
            raise ValueError(f"duplicate lexicon entry {word!r}")
        table[word] = -float(value[:-1]) if value.endswith("-") else float(value)
    return table


def _split(
    table: dict[str, float],
) -> tuple[dict[str, float], dict[tuple[str, ...], float]]:
    words = {k: v for k, v in table.items() if "_" not in k}
    phrases = {tuple(k.split("_")): v for k, v in table.items() if "_" in k}
    return words, phrases


# ---- Dutch -----------------------------------------------------------------
_NL = _table(
    """
    goed .5  prima .5  top .7  topper .7  toppie .7  toppertje .7  tiptop .7
    super .7  mega .6  geweldig .8  fantastisch .8  uitstekend .8  perfect .8
    excellent .8  voortreffelijk .8  uitmuntend .8  briljant .8  subliem .8
    fenomenaal .8  formidabel .7  fijn .5  prettig .5  leuk .5  mooi .5
    prachtig .7  heerlijk .7  lekker .4  tof .6  gaaf .6  vet .3  klasse .6
    wauw .5  wow .5  jippie .6  hoera .6  chapeau .6  petje_af .6  bravo .6
    ok .3  oke .3  okay .3  okee .3  oké .3  redelijk .2  aardig .5  best .3
    beter .4  beste .6  positief .5  pluspunt .4  voorbeeldig .7  onberispelijk .7
    feilloos .6  vlekkeloos .7  optimaal .5  ideaal .6  piekfijn .6  puik .6
    vriendelijk .6  klantvriendelijk .6  gebruiksvriendelijk .5  hartelijk .6
    sympathiek .5  gezellig .5  gastvrij .6  welkom .4  beleefd .5  correct .4
    netjes .5  keurig .5  attent .5  behulpzaam .6  hulpvaardig .6  geduldig .5
    begripvol .5  empathisch .5  respectvol .5  welwillend .4  meelevend .4
    vakkundig .6  deskundig .6  kundig .5  professioneel .6  competent .5
    bekwaam .5  ervaren .3  kennis .2  specialist .3  expert .3  vakman .4
    vakmensen .4  oplossingsgericht .6  klantgericht .5  servicegericht .5
    proactief .5  flexibel .5  coulant .6  coulance .5  meedenken .4
    meegedacht .4  zorgvuldig .5  nauwkeurig .4  stipt .5  punctueel .5
    degelijk .4  solide .4  betrouwbaar .6  eerlijk .5  transparant .5  oprecht .5
    snel .5  vlot .5  rap .4  razendsnel .7  bliksemsnel .7  efficient .5
    direct .2  meteen .2  vlug .4  spoedig .3
    duidelijk .4  helder .4  overzichtelijk .5  makkelijk .4  gemakkelijk .4
    eenvoudig .3  simpel .3  handig .4  praktisch .3  soepel .5  probleemloos .6
    moeiteloos .5  zorgeloos .5  gestroomlijnd .4  intuitief .5
    betaalbaar .4  goedkoop .3  voordelig .4  gunstig .4  scherp .3
    scherpe_prijs .5  gratis .3  korting .2  aanbieding .3  koopje .4  deal .2
    royaal .4  genereus .5  ruim .3  uitgebreid .3  comfortabel .4  rustig .2
    schoon .4  opgeruimd .4  verzorgd .4  tevreden .6  tevredenheid .4
    blij .6  happy .6  gelukkig .4  opgelucht .4  dankbaar .5  bedankt .4
    dank .3  dankjewel .4  dankuwel .4  bedankje .3  merci .4  compliment .5
    complimenten .6  pluim .5  aanrader .7  aanbevelen .5  aanbevolen .5
    geslaagd .5  gelukt .4  opgelost .5  verholpen .4  geregeld .3  geholpen .3
    teruggebeld .3  afgehandeld .2  gerepareerd .3  terugbetaald .3
    teruggestort .3  vergoed .3  omgeruild .2  genieten .6  genoten .6
    plezier .5  plezierig .5  aangenaam .5  vertrouwen .4  vertrouwd .4
    bereikbaar .3  dichtbij .3  gemak .3  aandacht .2
    klopt .25  klopte .25  werkt .25  werkte .25  lukt .25  lukte .25
    functioneert .25  beviel .4  bevalt .4  tegemoetkomend .4  verrast .3
    verrassend .3  aangenaam_verrast .6  glimlach .4  lach .3  sterk .3  slim .3
    prijs-kwaliteitverhouding .1  waar_voor_je_geld .6  de_moeite_waard .5
    in_orde .4  op_orde .4  naar_tevredenheid .6  naar_wens .5  zoals_beloofd .4
    zoals_afgesproken .4  op_tijd .5  precies_op_tijd .6  ruim_op_tijd .6
    geen_probleem .5  geen_problemen .5  geen_enkel_probleem .6  geen_gedoe .5
    zonder_gedoe .5  zonder_problemen .5  geen_verrassingen .4  geen_zorgen .4
    geen_klachten .5  geen_klagen .5  niks_mis_mee .4  niets_mis_mee .4
    niks_op_aan_te_merken .6  niets_op_aan_te_merken .6  aan_te_raden .6
    een_aanrader .7  met_een_glimlach .5  in_een_keer .4  in_1_keer .4
    serieus_genomen .3  nam_het_serieus .3  namen_het_serieus .3
    geen_extra_kosten .4  alles_was_er .4  valt_mee .3  viel_mee .3
    goed_geholpen .6  goed_geregeld .6  heel_fijn .6  top_service .7
    niet_erg .3  niet_verkeerd .3  niet_mis .3  niet_gek .3
    niet_alleen 0  niet_zomaar 0  met_vriendelijke_groet 0  vriendelijke_groet 0
    vriendelijke_groeten 0  hartelijke_groet 0  hartelijke_groeten 0
    beste_groet 0  beste_groeten 0  lieve_groet 0  lieve_groeten 0
    niets_dan 0  niks_dan 0  geen_wonder 0  wel_of_niet 0  of_niet 0
    goed_nieuws .3  goede_service .6  slechte_service .7-  erg .3-
    slechts 0  graag 0  duidelijk_geen .2-  hel .6-  verpest .7-  verpestte .7-
    gestrand .5-  genaaid .7-  geschreeuwd .6-  geschreeuw .5-  boycot .6-
    afgezet .5-  verschrikking .8-  opgehangen_zonder .5-  neergelegd .3-
    moest .2-  moesten .2-  zelf_betalen .4-
    zelf_opzoeken .3-  alweer .3-  nog_steeds .3-  opnieuw .15-
    verkooppraatje .4-  verkooppraatjes .4-  extra_kosten .4-  opeens .1-
    op_voorraad .3  spot_on .6  poespas .3-  gezeur_aan_mijn_hoofd .5-
    duurt 0  duurde 0  duren 0  duurden 0  lang .2-  duurde_lang .4-
    duurt_lang .4-  duurde_eeuwen .6-  lang_wachten .5-  lang_gewacht .5-

    slecht .6-  slechter .6-  slechtst .7-  waardeloos .9-  belabberd .7-
    beroerd .7-  abominabel .9-  bagger .8-  kut .8-  klote .8-  kloten .7-
    ruk .7-  kak .6-  shit .6-  bullshit .7-  rot .6-  kansloos .7-
    dramatisch .8-  drama .6-  rampzalig .9-  ramp .8-  verschrikkelijk .8-
    vreselijk .8-  afschuwelijk .9-  afgrijselijk .9-  treurig .6-  triest .6-
    droevig .5-  jammer .4-  zonde .4-  helaas .3-  teleurgesteld .6-
    teleurstellend .6-  teleurstelling .6-  ontevreden .6-  ongelukkig .5-
    boos .6-  kwaad .6-  woedend .8-  razend .7-  pissig .6-  geirriteerd .5-
    geergerd .5-  irritant .6-  ergerlijk .6-  irritatie .5-  ergernis .5-
    frustrerend .6-  gefrustreerd .6-  frustratie .6-  schandalig .9-
    schande .8-  belachelijk .8-  absurd .7-  bizar .5-  onacceptabel .8-
    onaanvaardbaar .8-  onbeschoft .7-  brutaal .5-  grof .5-  arrogant .6-
    chagrijnig .6-  nors .5-  kortaf .5-  bot .4-  onvriendelijk .6-
    klantonvriendelijk .7-  ongeinteresseerd .5-  desinteresse .5-  lui .5-
    onverschillig .5-  ongeduldig .4-  onbehulpzaam .6-  onprofessioneel .7-
    amateuristisch .7-  amateurs .6-  incompetent .7-  onkundig .6-
    ondeskundig .6-  dom .5-  traag .5-  langzaam .4-  sloom .5-  laat .3-
    vertraagd .5-  vertraging .5-  uitgesteld .4-  uitstel .3-  wachten .2-
    gewacht .3-  wachttijd .2-  wachttijden .3-  onbereikbaar .6-
    onduidelijk .5-  vaag .4-  onoverzichtelijk .5-  ingewikkeld .4-
    omslachtig .5-  moeilijk .3-  lastig .3-  gedoe .5-  rompslomp .5-
    gezeur .5-  gezeik .7-  probleem .3-  problemen .4-  storing .4-
    defect .6-  kapot .6-  beschadigd .6-  beschadiging .5-  schade .5-
    deuk .4-  kras .3-  krassen .3-  lek .4-  lekt .5-  lekkage .5-
    fout .5-  fouten .5-  foutief .5-  verkeerd .5-  mis .4-  misgegaan .5-
    misgaat .5-  mislukt .6-  gefaald .6-  faalt .5-  hapert .4-  crasht .6-
    geweigerd .5-  afgewezen .5-  weigerde .5-  weigeren .4-  genegeerd .6-
    negeren .5-  vergeten .4-  kwijt .4-  kwijtgeraakt .5-  verloren .4-
    oplichting .9-  oplichters .9-  opgelicht .8-  nep .6-  misleidend .7-
    misleiding .7-  bedrog .8-  bedrogen .8-  duur .4-  prijzig .4-
    overprijsd .6-  peperduur .6-  woekerprijzen .7-  afzetterij .8-
    verborgen .4-  opgedrongen .5-  aangesmeerd .6-  opdringerig .6-
    pushy .5-  drammerig .5-  lopendebandgevoel .5-  onpersoonlijk .5-
    onzin .6-  slordig .5-  rommel .4-  rommelig .4-  troep .6-  zooi .5-
    vies .5-  smerig .6-  vuil .4-  onveilig .5-  gevaarlijk .4-
    zorgen .3-  bang .3-  ongerust .4-  stress .4-  stressvol .5-  spijt .4-
    klacht .3-  klachten .3-  klagen .3-  balen .5-  baal .5-  zuur .4-
    pech .3-  tegenvallend .5-  tegenvaller .5-  matig .4-  middelmatig .3-
    mager .3-  magertjes .4-  pover .5-  ondermaats .6-  onvoldoende .5-
    onbetrouwbaar .7-  oneerlijk .6-  onbekwaam .6-  bureaucratisch .4-
    star .4-  eindeloos .4-  eeuwen .3-  eeuwig .3-  chaos .6-  chaotisch .6-
    puinhoop .7-  zooitje .6-  janboel .6-  fiasco .8-  flop .6-  miskoop .6-
    wanprestatie .8-  onbruikbaar .7-  nutteloos .6-  zinloos .5-
    hopeloos .7-  tenenkrommend .7-  schaamteloos .7-  respectloos .7-
    ongeorganiseerd .6-  misser .5-  blunder .6-  klungelig .6-  prutswerk .7-
    prutser .7-  prutsers .7-  knoeiwerk .6-  beunhaas .7-  afgescheept .6-
    afschepen .5-  uitverkocht .3-  weggestuurd .4-  opgehangen .4-
    meh .3-  hatelijk .6-  onbeleefd .6-  ongemanierd .6-  agressief .6-
    intimiderend .6-  neerbuigend .6-  minachting .6-  onbegrip .4-
    nalatig .6-  onzorgvuldig .5-  onnauwkeurig .4-  onhandig .4-
    onbereikbaarheid .5-  verspilling .6-
    tijdverspilling .6-  geldverspilling .7-  moeizaam .5-  stroef .4-
    haperen .4-  vastgelopen .5-  traagheid .5-  achterstand .4-
    zorgwekkend .5-  verbijsterd .4-  verbijsterend .5-  shockerend .6-
    geschrokken .4-  ellende .6-  ellendig .6-  waanzin .5-  idioot .6-
    stom .5-  stomme .5-  suf .4-  dubieus .5-  louche .6-  onbetaalbaar .5-
    slaat_nergens_op .7-  te_laat .6-  veel_te_laat .8-
    te_duur .5-  veel_te_duur .7-  te_lang .5-  veel_te_lang .7-
    te_traag .6-  te_weinig .4-  te_klein .3-  te_groot .3-  te_vroeg .2-
    te_kort .3-  te_hoog .3-  te_druk .3-  later_dan_beloofd .5-
    later_dan_afgesproken .5-  valt_tegen .5-  viel_tegen .5-
    vallen_tegen .5-  vielen_tegen .5-  niet_op_tijd .6-  nooit_meer .7-
    nooit_weer .7-  van_het_kastje_naar_de_muur .7-  kastje_naar_de_muur .7-
    in_de_wacht .4-  aan_het_lijntje .5-  met_een_kluitje_in_het_riet .6-
    loopt_vast .5-  liep_vast .5-  lopen_vast .5-  ging_mis .5-  gaat_mis .5-
    ging_fout .5-  gaat_fout .5-  ging_stuk .5-  gaat_stuk .5-
    werkt_niet .5-  werkte_niet .5-  werken_niet .5-  klopt_niet .5-
    klopte_niet .5-  lukt_niet .5-  lukte_niet .5-  doet_het_niet .5-
    deed_het_niet .5-  geen_reactie .5-  geen_antwoord .5-  geen_bericht .4-
    geen_idee .4-  geen_zin .4-  geen_verstand .5-  geen_excuses .4-
    geen_excuus .4-  geen_oplossing .5-  geen_contact .3-  geen_hulp .5-
    geen_aandacht .4-  geen_service .6-  geen_respect .6-  niemand_keek .4-
    kwam_niet_opdagen .6-  niet_opgedaagd .6-  niet_teruggebeld .5-
    niet_nagekomen .6-  niet_waargemaakt .5-  nog_steeds_niet .5-
    nog_steeds_niets .5-  nog_steeds_niks .5-  nog_niets .3-  nog_niks .3-
    het_zat .4-  er_klopt_niets .6-  er_klopt_niks .6-  onder_druk .4-
    voelde_me_een_nummer .5-  een_nummer .3-
    """
)

# ---- English -----------------------------------------------------------------
_EN = _table(
    """
    good .5  great .7  excellent .8  awesome .8  amazing .8  fantastic .8
    brilliant .8  superb .8  outstanding .8  perfect .8  wonderful .8
    terrific .7  fabulous .7  marvellous .7  marvelous .7  exceptional .8
    incredible .7  lovely .6  nice .5  fine .3  decent .3  ok .3  okay .3
    alright .3  cool .4  neat .4  sweet .4  solid .4  top .6  super .7
    best .6  better .4  pleasant .5  pleased .6  happy .6  glad .5
    delighted .8  thrilled .8  satisfied .5  impressed .6  impressive .6
    love .6  loved .6  loves .6  like .3  liked .4  enjoy .5  enjoyed .5
    friendly .6  kind .5  polite .5  courteous .5  welcoming .5  warm .3
    helpful .6  supportive .5  patient .5  attentive .5  caring .5
    considerate .5  respectful .5  understanding .3  accommodating .5
    professional .6  knowledgeable .6  expert .4  skilled .5  skillful .5
    competent .5  experienced .3  efficient .5  effective .4  thorough .4
    careful .4  reliable .6  dependable .6  trustworthy .6  honest .5
    transparent .5  fair .4  reasonable .3  affordable .4  cheap .2
    inexpensive .3  bargain .5  deal .2  discount .2  free .2  generous .5
    quick .5  fast .5  speedy .5  swift .5  prompt .5  rapid .4  punctual .5
    smooth .5  seamless .6  effortless .5  easy .4  simple .3  clear .4
    convenient .5  handy .4  intuitive .5  straightforward .4  hassle-free .6
    painless .5  spotless .5  clean .4  tidy .4  neatly .4  properly .4
    resolved .5  solved .5  sorted .4  fixed .4  handled .2  helped .3
    refunded .3  repaired .3  replaced .2  thanks .4  thank .4  thx .4
    thankful .5  grateful .6  appreciated .5  appreciate .5  appreciative .5
    recommend .6  recommended .6  recommendable .6  superstar .7  star .3
    gem .5  legend .6  kudos .6  bravo .6  wow .5  yay .6  hooray .6
    phenomenal .8  stellar .7  exemplary .7  flawless .7  impeccable .7
    ideal .6  spot-on .6  faultless .6  remarkable .6  splendid .7
    comfortable .4  works .25  worked .25  working .2  trust .4  trusted .5
    relieved .4  luckily .3  fortunately .3  thankfully .3  well .25
    smile .4  smiling .4  cheerful .5  upbeat .4  responsive .5
    on_time .5  right_on_time .6  ahead_of_schedule .6  no_problem .5
    no_problems .5  no_issues .5  no_issue .4  no_worries .4  no_hassle .5
    without_hassle .5  without_any_hassle .5  no_fuss .5  without_fuss .5
    no_surprises .4  no_complaints .5  worth_it .6  worth_the_money .6
    worth_every_penny .7  worth_every_cent .7  value_for_money .5
    above_and_beyond .7  went_out_of_their_way .6  out_of_their_way .5
    as_promised .4  as_agreed .4  in_one_go .4  on_the_ball .5
    called_back .3  got_back_to_me .3  can't_complain .4  cannot_complain .4
    not_bad .3  not_too_bad .3  five_stars .7  5_stars .7  thank_you .5
    not_only 0  not_just 0  kind_regards 0  best_regards 0  warm_regards 0
    best_wishes 0  nothing_but 0  no_doubt 0  no_matter 0  never_mind 0
    clearly 0  cheers 0  please 0  pity .4-  could_not_be_bothered .6-
    couldn't_be_bothered .6-  can't_be_bothered .5-  unexpected_charge .4-
    as_well 0  likely 0  unlikely 0  lately 0  likewise 0  well_done .6
    overcharged .6-  overcharging .6-  nothing_wrong .4  good_job .6
    hell .7-  ruined .8-  ruin .7-  ruins .7-  stranded .6-  screwed .8-
    yelled .6-  yelling .6-  despicable .9-  disorganized .6-
    disorganised .6-  disorganization .6-  boycott .6-  crummy .6-
    hung_up .5-  no_info .4-  nothing_done .5-  unbelievable .4-
    had_to .2-  have_to .1-  again .15-  sales_pitch .4-  in_stock .3
    extra_charge .4-  extra_charges .4-  extra_costs .4-  extra_fee .4-
    hidden_fees .5-  hidden_costs .5-  don't_like .5-  didn't_like .5-
    do_not_like .5-  did_not_like .5-
    great_job .7  great_service .7  poor_service .7-  bad_service .7-
    customer_service 0  long_wait .5-  waited_for_ages .6-  took_ages .5-
    much_appreciated .6  made_my_day .7  over_the_moon .8

    bad .6-  terrible .8-  awful .8-  horrible .8-  horrendous .9-
    dreadful .8-  appalling .9-  atrocious .9-  abysmal .9-  pathetic .8-
    useless .8-  worthless .8-  rubbish .7-  crap .7-  crappy .7-  shit .7-
    shitty .7-  sucks .7-  sucked .7-  lousy .7-  poor .6-  poorly .6-
    worst .8-  worse .6-  mediocre .4-  meh .3-  disappointing .6-
    disappointed .6-  disappointment .6-  letdown .6-  unhappy .6-
    dissatisfied .6-  unsatisfied .5-  upset .5-  angry .6-  mad .5-
    furious .8-  livid .8-  annoyed .5-  annoying .5-  irritated .5-
    irritating .5-  frustrated .6-  frustrating .6-  frustration .6-
    outrageous .8-  ridiculous .7-  absurd .7-  unacceptable .8-
    disgraceful .8-  disgrace .8-  disgusting .8-  shameful .7-  shame .4-
    rude .7-  impolite .6-  disrespectful .7-  arrogant .6-  condescending .6-
    dismissive .5-  grumpy .5-  unfriendly .6-  unhelpful .6-  incompetent .7-
    clueless .6-  ignorant .5-  unprofessional .7-  careless .5-  sloppy .5-
    lazy .5-  slow .4-  sluggish .4-  late .4-  later .1-  delayed .5-
    delay .5-  delays .5-  postponed .4-  cancelled .5-  canceled .5-
    cancellation .4-  waiting .2-  waited .3-  wait .2-  hold .1-
    unreachable .6-  unresponsive .6-  ignored .6-  ignore .4-  ignoring .5-
    forgot .4-  forgotten .4-  lost .4-  missing .4-  missed .3-
    broken .6-  broke .5-  damaged .6-  damage .5-  faulty .6-  defective .6-
    scratched .4-  dented .4-  leaks .5-  leaking .5-  leak .4-  crashing .5-
    crashes .5-  crashed .5-  failed .5-  fails .5-  failure .6-  fail .5-
    error .4-  errors .4-  wrong .5-  mistake .4-  mistakes .4-  mess .5-
    messy .4-  chaos .6-  chaotic .6-  confusing .5-  confused .4-
    unclear .5-  vague .4-  complicated .4-  difficult .3-  hard .2-
    hassle .5-  nightmare .8-  disaster .8-  fiasco .8-  joke .5-
    scam .9-  fraud .9-  ripoff .8-  rip-off .8-  misleading .7-  fake .6-
    expensive .4-  overpriced .6-  pricey .4-  steep .3-  hidden .3-
    pushy .5-  upsold .5-  pressured .4-  pressure .3-  impersonal .5-
    refused .5-  rejected .5-  denied .4-  declined .2-  problem .3-
    problems .4-  issue .3-  issues .4-  complaint .3-  complain .3-
    complained .3-  complaining .3-  regret .5-  sorry .2-  sadly .3-
    unfortunately .3-  sad .5-  unreliable .7-  dishonest .7-  unfair .6-
    inconvenient .4-  inconvenience .4-  limited .2-  dirty .5-  filthy .6-
    unsafe .5-  worried .4-  anxious .4-  nervous .3-  concerned .3-
    stressful .5-  stress .4-  pain .4-  painful .5-  endless .4-  ages .3-
    forever .2-  stupid .5-  idiotic .6-  hate .7-  hated .7-  dislike .5-
    awkward .3-  stuck .4-  fed-up .6-  avoid .5-  beware .6-  warning .3-
    waste .6-  wasted .6-  pointless .5-  hopeless .7-  incompetence .7-
    negligent .6-  negligence .6-  insulting .7-  shocking .6-  shocked .4-
    appalled .8-  horrified .8-  disgusted .8-  tired .2-  sick .3-
    too_late .6-  way_too_late .8-  far_too_late .8-  too_long .5-
    too_slow .6-  too_expensive .6-  too_much .3-  too_many .3-
    too_small .3-  too_little .3-  waste_of_time .7-  waste_of_money .7-
    let_down .6-  let_me_down .6-  never_again .7-  not_on_time .6-
    on_hold .4-  no_reply .5-  no_response .5-  no_answer .5-
    no_updates .4-  no_update .4-  no_idea .4-  no_help .5-  no_one .2-
    nobody_cared .6-  did_not_work .5-  didn't_work .5-  does_not_work .5-
    doesn't_work .5-  do_not_work .5-  don't_work .5-  not_working .5-
    stopped_working .6-  fell_apart .6-  broke_down .5-  went_wrong .5-
    goes_wrong .5-  go_wrong .4-  keeps_crashing .6-  still_waiting .5-
    still_nothing .5-  still_not .3-  pillar_to_post .6-  run_around .5-
    runaround .5-  fed_up .6-  sick_of .5-  tired_of .5-  not_worth .4-
    rip_off .8-  no_show .6-  never_showed .6-  never_showed_up .6-
    never_arrived .6-  never_came .5-  never_received .5-  not_received .5-
    never_called_back .5-  two_days_late .6-  a_week_late .6-
    missing_items .5-  wrong_item .5-  1_star .7-
    one_star .7-  zero_stars .8-  felt_like_a_number .5-  just_a_number .4-
    """
)


_NL_WORDS, _NL_PHRASES = _split(_NL)
_EN_WORDS, _EN_PHRASES = _split(_EN)

#: Per language: single words (norm -> valence in [-1, 1]).
VALENCE: Final[Mapping[str, Mapping[str, float]]] = MappingProxyType(
    {"nl": MappingProxyType(_NL_WORDS), "en": MappingProxyType(_EN_WORDS)}
)
#: Per language: expressions (tuple of norms -> valence); they win over words.
PHRASES: Final[Mapping[str, Mapping[tuple[str, ...], float]]] = MappingProxyType(
    {"nl": MappingProxyType(_NL_PHRASES), "en": MappingProxyType(_EN_PHRASES)}
)


def _negators(text: str) -> dict[str, tuple[float, float]]:
    """``word on_positive on_negative`` triples: what a negator multiplies by."""
    items = text.split()
    return {
        items[i]: (float(items[i + 1]), float(items[i + 2]))
        for i in range(0, len(items), 3)
    }


#: Per language: negator -> (factor on a positive word, factor on a negative one).
#: "niet vriendelijk" is clearly negative (x -0.8); "niet slecht" only mildly
#: positive (x -0.5); "geen problemen", "zonder gedoe", "never late" are really
#: positive (x -0.7 .. -0.8).
NEGATORS: Final[Mapping[str, Mapping[str, tuple[float, float]]]] = MappingProxyType(
    {
        "nl": MappingProxyType(
            _negators(
                """
                niet -.8 -.5  geen -.8 -.7  nooit -.9 -.7  niks -.8 -.6
                niets -.8 -.6  nergens -.8 -.6  zonder -.7 -.8  niemand -.8 -.5
                noch -.8 -.6  nauwelijks -.6 -.5  amper -.6 -.5  weinig -.6 -.6
                allerminst -.9 -.6  geeneens -.8 -.6  nimmer -.9 -.7
                gebrek -.7 -.6
                """
            )
        ),
        "en": MappingProxyType(
            _negators(
                """
                not -.8 -.5  no -.8 -.7  never -.9 -.7  nothing -.8 -.6
                nobody -.8 -.5  none -.8 -.6  neither -.8 -.6  nor -.8 -.6
                without -.7 -.8  hardly -.6 -.5  barely -.6 -.5  lack -.7 -.6
                lacking -.7 -.6  lacked -.7 -.6  cannot -.8 -.5  can't -.8 -.5
                cant -.8 -.5  don't -.8 -.5  dont -.8 -.5  didn't -.8 -.5
                didnt -.8 -.5  doesn't -.8 -.5  doesnt -.8 -.5  isn't -.8 -.5
                isnt -.8 -.5  wasn't -.8 -.5  wasnt -.8 -.5  weren't -.8 -.5
                werent -.8 -.5  aren't -.8 -.5  arent -.8 -.5  won't -.8 -.5
                wont -.8 -.5  wouldn't -.8 -.5  wouldnt -.8 -.5  couldn't -.8 -.5
                couldnt -.8 -.5  shouldn't -.8 -.5  shouldnt -.8 -.5
                haven't -.8 -.5  havent -.8 -.5  hasn't -.8 -.5  hasnt -.8 -.5
                hadn't -.8 -.5  hadnt -.8 -.5  ain't -.8 -.5  aint -.8 -.5
                nowhere -.8 -.6  n't -.8 -.5
                """
            )
        ),
    }
)

#: Negators that are a complaint on their own when nothing follows them.
NEGATOR_VALENCE: Final[Mapping[str, float]] = MappingProxyType(
    {
        "gebrek": -0.4,
        "weinig": -0.3,
        "lack": -0.4,
        "lacking": -0.4,
        "lacked": -0.4,
        "hardly": -0.1,
        "barely": -0.1,
    }
)

#: Per language: intensifier (> 1) or downtoner (< 1) -> multiplier of the
#: sentiment word it precedes. Chains multiply ("heel erg vriendelijk").
INTENSIFIERS: Final[Mapping[str, Mapping[str, float]]] = MappingProxyType(
    {
        "nl": MappingProxyType(
            _table(
                """
                heel 1.5  erg 1.5  zeer 1.6  echt 1.3  super 1.6  mega 1.7
                hyper 1.6  ultra 1.6  enorm 1.6  ontzettend 1.7  ontiegelijk 1.8
                onwijs 1.7  hartstikke 1.6  verschrikkelijk 1.7  vreselijk 1.7
                bijzonder 1.5  uiterst 1.7  extreem 1.8  buitengewoon 1.6
                uitzonderlijk 1.6  zo 1.4  zo'n 1.4  helemaal 1.5  totaal 1.6
                compleet 1.6  volledig 1.5  volkomen 1.6  absoluut 1.6
                werkelijk 1.5  behoorlijk 1.3  flink 1.4  nogal 1.2
                tamelijk .85  vrij .85  redelijk .8  best 1.0  beetje .6
                tikje .6  tikkeltje .6  iets .7  enigszins .7  ietwat .7  dik 1.4
                kei 1.6  reuze 1.6  bere 1.6  veel 1.3  stukken 1.4
                te 1.3  bizar 1.6  mateloos 1.6  intens 1.5  diep 1.4  zwaar 1.5
                wat .7
                """
            )
        ),
        "en": MappingProxyType(
            _table(
                """
                very 1.5  really 1.4  so 1.4  extremely 1.8  super 1.6
                incredibly 1.8  totally 1.6  absolutely 1.6  completely 1.6
                utterly 1.8  highly 1.6  truly 1.4  genuinely 1.3  seriously 1.5
                particularly 1.4  especially 1.4  exceptionally 1.7
                remarkably 1.5  insanely 1.7  ridiculously 1.7  terribly 1.6
                awfully 1.6  hugely 1.6  massively 1.6  amazingly 1.6
                exceedingly 1.7  most 1.3  much 1.3  way 1.3  far 1.3  quite 1.2
                pretty 1.2  rather 1.1  fairly .85  reasonably .85  somewhat .7
                slightly .6  mildly .6  bit .6  kinda .7  too 1.3  such 1.3
                bloody 1.6  damn 1.5  fucking 1.7  freaking 1.5  real 1.3
                deeply 1.5  thoroughly 1.5  overly 1.3
                """
            )
        ),
    }
)

#: Multi-word modifiers: (words) -> multiplier ("een beetje", "kind of").
MODIFIER_PHRASES: Final[Mapping[str, Mapping[tuple[str, ...], float]]] = (
    MappingProxyType(
        {
            "nl": MappingProxyType(
                {
                    ("een", "beetje"): 0.6,
                    ("een", "tikje"): 0.6,
                    ("een", "tikkeltje"): 0.6,
                    ("wat", "een"): 1.4,
                    ("meer", "dan"): 1.4,
                    ("heel", "erg"): 1.8,
                    ("veel", "te"): 1.6,
                    ("echt", "wel"): 1.3,
                }
            ),
            "en": MappingProxyType(
                {
                    ("a", "bit"): 0.6,
                    ("a", "little"): 0.6,
                    ("a", "tad"): 0.6,
                    ("kind", "of"): 0.7,
                    ("sort", "of"): 0.7,
                    ("what", "a"): 1.4,
                    ("such", "a"): 1.3,
                    ("more", "than"): 1.4,
                    ("way", "too"): 1.6,
                    ("far", "too"): 1.6,
                    ("at", "all"): 1.2,
                }
            ),
        }
    )
)

#: Modifiers that only strengthen a negative word ("te duur"; "too good" is
#: praise, not a complaint).
NEGATIVE_ONLY_MODIFIERS: Final = frozenset(
    {"te", "too", "veel te", "way too", "far too"}
)

#: First parts of compounds that intensify the rest ("superslecht", "megasnel").
INTENSIFIER_PREFIXES: Final[Mapping[str, float]] = MappingProxyType(
    _table(
        """
        super 1.6  mega 1.7  hyper 1.6  ultra 1.6  kei 1.6  reuze 1.6  bere 1.6
        oer 1.6  rete 1.6  dood 1.5  snoei 1.5  loei 1.5  bloed 1.5  kanker 1.7
        tering 1.7  over 1.3  extra 1.3
        """
    )
)

#: First parts of compounds that carry the verdict themselves ("kutservice",
#: "topkwaliteit", "nepkorting", "wanprestatie").
EVALUATIVE_PREFIXES: Final[Mapping[str, float]] = MappingProxyType(
    _table(
        """
        top .7  kut .8-  klote .8-  rot .6-  prut .6-  nep .6-  wan .5-
        bagger .8-  droom .6  kwaliteits .3  crap .7-  shit .7-
        """
    )
)

#: Per language: prefixes that turn a positive word around ("onvriendelijk").
NEGATIVE_PREFIXES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {"nl": ("on",), "en": ("un", "dis", "in", "im", "non")}
)

#: Emoji (variation selectors removed, as in ``Token.norm``) and emoticons.
EMOJI_VALENCE: Final[Mapping[str, float]] = MappingProxyType(
    _table(
        """
        😀 .7  😃 .7  😄 .7  😁 .7  😆 .6  😊 .7  🙂 .5  ☺ .6  😍 .8  🥰 .8
        😘 .6  😇 .6  🤩 .8  🥳 .7  😎 .5  😉 .4  😋 .5  🤗 .6  😌 .4  😅 .1
        😂 .3  🤣 .3  👍 .6  👌 .6  👏 .6  🙌 .7  🙏 .6  💪 .5  ✌ .4  🤝 .5
        ❤ .7  💕 .7  💖 .7  💗 .7  💓 .7  💙 .6  💚 .6  💛 .6  💜 .6  🧡 .6
        😻 .7  ⭐ .6  🌟 .6  ✨ .5  💯 .7  ✅ .4  🎉 .6  🎊 .6  🏆 .6  🥇 .6
        🔝 .6  🌈 .3  🌞 .3  ☀ .3  🍀 .3  💐 .4  🎁 .3

        😡 .8-  😠 .7-  🤬 .9-  😤 .6-  😞 .6-  😔 .5-  😟 .5-  😕 .4-  🙁 .5-
        ☹ .5-  😢 .6-  😭 .6-  😩 .6-  😫 .6-  😖 .6-  😣 .5-  😒 .5-  🙄 .5-
        😑 .3-  😐 .1-  😬 .3-  😱 .5-  😨 .4-  😰 .5-  😥 .4-  😓 .3-  😪 .3-
        😴 .2-  🥱 .3-  🤦 .5-  🤷 .2-  👎 .7-  💩 .7-  🤮 .8-  🤢 .6-  💔 .6-
        ❌ .4-  ⛔ .4-  🚫 .4-  ⚠ .2-  😾 .5-  🖕 .9-  🤡 .5-  😷 .1-

        :) .5  :-) .5  :] .5  =) .5  :D .7  :-D .7  :d .7  =D .7  ;) .4
        ;-) .4  :P .3  :p .3  :-P .3  <3 .7  8) .3  :( .5-  :-( .5-  :[ .5-
        =( .5-  :/ .3-  :-/ .3-  :\\ .3-  :| .2-  :-| .2-  :@ .6-  D: .5-
        ):  .5-
        """
    )
)
