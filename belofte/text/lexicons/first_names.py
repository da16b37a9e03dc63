"""First names for the PII redactor: common Dutch and English/international names.

Data, not logic: lowercase names, hyphenated Dutch double names included. A
capitalised token in ``FIRST_NAMES`` is a person's name unless the redactor's
context rules say otherwise; names in ``AMBIGUOUS_FIRST_NAMES`` are also
ordinary words (or months, places, brands) and only count after a salutation or
with a surname. ``NOT_SURNAMES`` stops a name from swallowing the capitalised
word after it ("Anna Bedankt", "Will Order Again"). ``NAME_EXCEPTIONS`` are
brands and places that look like a first name plus surname. ``NAME_TRIGGERS``
are the words before a name ("Beste", "dhr.", "geholpen door").

Version 1 (2026): about 850 Dutch and 530 international names (1,270 unique).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "AMBIGUOUS_FIRST_NAMES",
    "FIRST_NAMES",
    "NAME_EXCEPTIONS",
    "NAME_TRIGGERS",
    "NOT_SURNAMES",
]

# Common Dutch (and Flemish) first names across generations, incl. names common
# among Dutch citizens of Turkish, Moroccan and Surinamese descent.
_DUTCH = """
aad aafke aagje aaltje aart abdel abdelkader abdullah adriaan adriana adrie
agnes ahmed aicha aisha albert alberdina aleida alex alexander ali alida
alie amber amin amira anita anja anke ankie anna anne anne-fleur anne-marie
anne-sophie anneke annelies annemarie annemieke annet annette annie anouk
anton antoon ans antje arend arie arjan arjen arnold arnoud aron astrid
ayoub ayse bart bas bastiaan bea beatrix ben benno berend bernard bert
bertus bianca bilal bo bob boaz boudewijn bouke bram brecht bregje brenda
britt bruno carla carlijn carolien caroline casper cato catharina chantal
charlotte chris christiaan cindy claudia cobie coen cor cora corine corné
cornelia cornelis corrie daan daphne daniek daniel daniëlle danny dave david
debby demi dennis desiree dewi dex diana dick diederik dieuwke dimitri dina
dinie dion dirk dirk-jan djamila dominique doortje dora dorien douwe dunya
edwin eelco egbert elbert elif elin eline elisa elisabeth elise ella ellen
elly els elsa elske emiel emma emre erik erik-jan erna erwin esmee esra
esther eva evelien evert evi ewout fabian fatima fatma femke fenna fenne
ferdi ferdinand fleur floor floortje floris fokke frank frans frederik
frederique frits froukje gea geert geertje geertruida gerard gerben gerda
gerlof gerrit gert gert-jan gertjan gerwin gijs gijsbert gilles ginny govert
greetje grietje guido guus hamza hanna hannah hanneke hannie hans harm harrie
harry hasan hassan hatice hedwig hein heleen hendrik hendrika hendrikus henk
henk-jan hennie henny herman hester hidde hielke hilda hilde hillegonda huib
hussein huub ibrahim ilona ilse imane imke ina ine ineke inge ingrid iris
irma isa isabel isabella isabelle ivar ivo iwan jaap jacco jacob jacoba
jacobus jacqueline jamal jan jan-bart jan-dirk jan-hein jan-kees jan-maarten
jan-paul jan-peter jan-willem janneke jannes jannie janny jantine jantje
jarno jasmijn jasper jay jayden jeanette jelle jelmer jennifer jeroen jesse
jessica jet jetske jetze jip job joep joey johan johanna johannes john joke
jolanda jolien jonas jonathan joost jop joran jordi jorien joris jorrit jos
josé josephine joshua joyce jozef judith jules julia julian juliette jurre
justin kai karim karin kars kas katja kees kevin khadija kim kirsten klaas
klaas-jan klazina koen koos kris lana lara lars laura laurens lea leendert
lenie lennart leon levi lex lieke lien lies liesbeth lieve lina linda
lindsey lisa lisanne lise lisette liv loes lois lonneke loretta lot lotte
lotje louis louise lourens luc luca lucas luna lukas luuk lynn maaike maarten
maartje madelief maik manon mara marc marcel marco margreet margriet maria
marianne marie marieke marijke marije marinus mario marius marjan marjolein
marjolijn mark marleen marloes mart marten martijn martin martine marvin
mathijs mats matthijs maud maurice max meike mees mehmet menno merel meryem
michel michelle michiel mieke mien miep mila milan mirjam mitchell mo mohamed
mohammed monique mustafa myrthe nadia nadine naomi natasja nathalie nel
nelleke nelly nicky nico nicole niek niels nienke nina noa noah noor nora
norah nouri nour olaf olivier omar otto owen pascal patricia patrick paul
paula peter petra pien piet piet-hein pieter pieter-jan pim puck quinten
rachid ralph ramon rana randy rayan reinier remco renate rené rens ria
richard rick rik rinus rob robbert robert robin roel roelof rogier roland
romy ronald roos rosa rowan roy ruben rudi rudy ruud rutger ryan saar saartje
sabine said salma sam sander sandra sanne sara sarah saskia sebastiaan
selma sem senna siem sietse silvia simon simone sjaak sjoerd sofie sophie
stan stef stefan stephan stephanie sterre steven stijn suzanne sven sybren
sylvia tamara tanja teun teunis thea theo thijmen thijs thom thomas ties tijn
tim tineke tirza tjeerd tobias tom ton toon tristan truus tygo twan valentijn
vera veerle victor vince vincent wendy wessel wiebe wies wijnand wil wilco
wilhelmina willem willem-alexander willem-jan willemijn willy wilma wim
wout wouter xander yara yasmina yasmine yassin yfke yorick youri youssef
yusuf yvonne zeynep zoë zoey
aaron abe abel ada adam adinda alies aline amina anass angelique anneloes
annemiek ans-marie anton-jan arda ardjan arno auke babette barbara bart-jan
bauke bea-marie benjamin bente berrie bertha betsy bibi bjorn björn bonnie
boris bregtje brian bryan caitlin celine chiara christel christine cisca
claire claudine colette cornelius daisy dani dianne dirkje dolf dorothea
edith eduard eefje eelke elianne elke elles ellis elsbeth emiel-jan
emile ernst esmée evelyn evie fardau fay feike femmy fieke fien fiona
frederick frida friso gaby gerjan gerry gido gitte gonnie gosse gwen
hajar hanna-lena hannelore harold heiko helena helma henri hetty hidde-jan
hiske hubert iliass inez ingeborg isaak izaak jacqueline-marie jade jamie
janine janneke-marie jelka jeltje jente jeremy jildou jitske joanne jochem
joëlle johnny jolijn jorn joost-jan josefien joëlle-marie jouke joy
jurgen jürgen karlijn kasper kiki klaasje krista laurien lianne liam lidewij
lieuwe linde lisa-marie lizzy lode lorenzo loek lorena lucienne luka
lysanne maarten-jan madeleine malika mandy marcella maren margot mariëlle
marina marit marja marjorie marlies martha martje mattijs maxime meindert
melissa mette mick milou minke miranda mirthe mohamed-ali myrna nanda
nanne nassim nathan nele nikki nils noud oscar pepijn petronella pieternella
quirine rafael ralf rebecca remy rianne riek rinske robbie roderick ronnie
rosalie rosanne rutger-jan sacha sam-jan samira sanna sara-lynn sebas
silke sjors sonja stijn-jan suus sylvana tessa tess thirza tijmen tom-jan
trijntje ursula valerie vera-lynn vivian walter wendela wilbert wilfred
willeke wim-jan wybren yannick yuri zara
"""

# Common English and international first names.
_INTERNATIONAL = """
aaliyah abigail adrian aidan aiden alan albert alex alexa alexis alfie alice
alicia alison allison amanda amelia amy ana anders andre andrea andreas
andrew andy angel angela anita ann anna annie anthony antoine antonio april
archie arjun arthur ashley aubrey audrey august aurora austin ava barry
beatrice ben benjamin beth bethany betty beverly bill billy bob bobby
bradley brandon brenda brian bridget brittany brooke bruce bryan caleb
callum cameron camila camille carl carlos carmen carol caroline carolyn
carter catherine charles charlie charlotte chase chelsea chen chloe chris
christian christina christine christopher ciara claire clara colin connor
craig cynthia daisy dale dan daniel danielle darren dave david dawn dean
deborah debra declan denise dennis derek diana diane diego dmitri dominic
donald donna doris dorothy douglas drew duncan dylan edward eleanor elena
eli elijah elizabeth ella ellie emily emma eric ethan eugene evan evelyn
ezra faith felix fiona florence frances francesca francesco francis
francisco françois frank fraser freddie freya gabriel gabriella gareth gary
gavin gemma george georgia gerald gillian giovanni giulia giuseppe gloria
gordon grace graham grant greg gregory hailey hannah harold harper harriet
harrison harry hazel heather heidi helen henry holly howard hudson hugh hugo
hunter ian imogen irina isaac isabel isabella isaiah isla ivan ivy jack
jackson jacob jake james jamie jane janet janice jason javier jean jeff
jeffrey jennifer jenny jeremy jerry jess jessica jim jimmy joan joanna
joanne joe joel john johnny jonathan jordan jorge jose joseph josephine
joshua joy joyce juan judith judy julia julie june justin karen kate
katherine kathleen kathryn katie kayla keith kelly ken kenneth kerry kevin
kieran kimberly kirsty kyle larry laura lauren lawrence layla leah lee leo
leon liam lily lincoln linda lisa logan lorenzo louis louise lucas lucia
lucy luis luke lydia madison maggie malcolm manuel marco margaret maria
marie marilyn mark martha martin mary mason matilda matteo matthew maya
megan melanie melissa mia michael michelle miguel mike miles millie molly
morgan nancy naomi natalie natasha nathan neil nicholas nick nicola nicole
niamh nigel noah nora norman olga oliver olivia omar oscar owen pablo
pamela patricia patrick paul paula pedro penelope penny peter philip
philippe phoebe pierre piotr poppy priya rachel rahul ralph ray raymond
rebecca richard riley robert roger ronald rory rose rosie ross ruby russell
ruth ryan sally samantha samuel sandra sarah scarlett scott sean sebastian
sergei sharon shirley simon sofia sophia sophie stacey stella stephanie
stephen steve steven stuart sue susan svetlana tanya taylor ted teresa
terry theo theodore theresa thomas tiffany timothy tina toby todd tom tony
tracy trevor tyler valentina vanessa victor victoria vikram vincent violet
virginia walter wayne wendy william willie willow wyatt xavier yuki zachary
zoe
agnieszka ahmad alessandro alessia amara amit anastasia aoife bartosz bill
camilla carlo catalina cecilia chiara claudio dario elias elif emilia emil
enzo erika esperanza fabio fatih federico fernando finley francine gianluca
hiroshi ines ingrid jakub jasmine javad jin kamil katarzyna kenji kofi
krzysztof kwame lars leila lena lukas magdalena magnus marek marta mateo
maximilian mohammad moritz nadia nikolai noor olaf omid oskar pavel
pawel rafael raj ravi reza rosa sakura santiago sanjay sara sasha sigrid
soren stefano sunita tatiana tobias tomasz ursula vera wei yasmin yusuf
zainab zeynep
hope may storm summer will
"""

FIRST_NAMES: frozenset[str] = frozenset(_DUTCH.split()) | frozenset(
    _INTERNATIONAL.split()
)

# Names that are also everyday words, months, places or brands ("Will the
# delivery be late?", "frank en vrij", "in May", "Ruby", "Alexa"): they count
# only after a salutation or introduction, or when a surname follows.
_AMBIGUOUS = """
    alexa amber angel april august austin bas bill bo carol chase chelsea
    christian daisy dawn dean drew eva faith florence frank georgia grace grant
    harm hazel holly hope hugo hunter ivy jack jade jean jet job jordan joy june
    elke frans lincoln lot mark max may miles milan noor penny
    ray roos rose ruby said storm sue summer toon ton victoria violet virginia
    will willow wil mo
"""
AMBIGUOUS_FIRST_NAMES: frozenset[str] = frozenset(_AMBIGUOUS.split())

# Capitalised words that follow a first name but are not a surname: pronouns,
# greetings, sign-offs and the title-case words of English review headlines.
_NOT_SURNAMES = """
    i ik the a an and or but de het een en of maar dus want je jij u hij zij ze
    we wij they he she you it is was has had have heeft hebben had this that
    dit dat deze die bedankt dank thanks thank groeten groet groetjes regards
    cheers mvg gr hi hello hallo hoi hey dear beste geachte team klantenservice
    service support customer customers klant klanten store stores shop winkel
    webshop great good goed super top fijn excellent amazing awesome perfect
    slecht bad poor very heel erg echt really not niet never nooit order
    bestelling delivery levering bezorging product products price prijs
    quality kwaliteit staff personeel manager again ever always altijd would
    will recommend aanrader love happy blij tevreden ontevreden ok oké okay
    yes ja nee no via by door met with from for voor to naar at bij in on op
    monday tuesday wednesday thursday friday saturday sunday maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag january february march april
    may june july august september october november december januari
    februari maart mei juni juli augustus oktober today vandaag morgen
    tomorrow gisteren yesterday sir madam heer mevrouw meneer heren dames all
    allen iedereen everyone everybody friend friends vriend vrienden collega
    collega's colleagues medewerker medewerkers employee agent world wereld
    fast snel slow traag nice mooi friendly vriendelijk helpful behulpzaam
    was were went got did does gave said told asked helped hielp heeft zei
    so zo also ook just even nog still only alleen then toen dan when wanneer
    why waarom how hoe what wat who wie where waar here hier there daar
    please alsjeblieft graag sorry helaas unfortunately xx x nl be en
    account airport airline airlines airways air center centre club card hotel
    restaurant cafe café bar pizza soup river intl international city lounge
"""
NOT_SURNAMES: frozenset[str] = frozenset(_NOT_SURNAMES.split())

# Brands and places that read as first name plus surname.
NAME_EXCEPTIONS: frozenset[str] = frozenset(
    {
        "albert heijn",
        "anna paulowna",
        "dirk van den broek",
        "hans anders",
        "jan linders",
        "hugo boss",
        "jet blue",
    }
)

# The words before a name (lower case), by the check the name then needs:
# "intro" and "signoff" a listed first name ("ik ben Blij" and "Bedankt
# Stroomhuis" are no names), "greet" the start of a clause and a listed first
# name or a surname ("de beste Service", "Beste Stroomhuis"), "title" and
# "named" just a capitalised word.
NAME_TRIGGERS: Mapping[str, str] = {
    phrase: kind
    for kind, phrases in (
        ("intro", "ik ben|i am|i'm|i’m|dit is|this is"),
        ("signoff", "groet|groeten|groetjes|gr|mvg|regards|cheers|thanks|thank you"
         "|bedankt|dank|dank je|dank je wel|dank jewel|dank u|dank u wel|liefs|love"),
        ("greet", "beste|geachte|dear|hoi|hallo|hi|hello|hey"),
        ("title", "meneer|mevrouw|heer|mevr|dhr|mr|mrs|ms|mx|miss|dr|mw"),
        ("named", "mijn naam is|my name is|ik heet|geholpen door|helped by|served by"
         "|bediend door|assisted by|gesproken met|sprak met|spoke to|spoke with"
         "|medewerker|medewerkster|collega|employee|agent|associate|verkoper"
         "|verkoopster|adviseur|bezorger|monteur"),
    )
    for phrase in phrases.split("|")
}  # fmt: skip
