"""Very common Dutch and English words for telling short Dutch from short English.

Data, not logic: words are in ``tokens.fold`` form (lower case, accents removed,
"één" -> "een"). The language detector (``belofte.text.language``) counts them
to decide between Dutch and English where the statistical model is unreliable:
texts of one to three words ("prima", "dank je wel", "thanks!") and code-mixed
Dutch with English loanwords ("de service was top, echt awesome").

- ``*_FUNCTION_WORDS``: articles, pronouns, auxiliaries, prepositions,
  conjunctions, common adverbs. They weigh double: loanwords are content words,
  and the grammar words show a sentence's language.
- ``*_WORDS``: common words of customer feedback (praise, complaints, delivery,
  service, food, travel, support).
- ``SHARED_WORDS``: words that are ordinary in both languages ("top", "super",
  "ok", "service", "is", "was", "in", "worst", "room"). They are no evidence
  either way; a text of only these takes the workspace's main language.

The five lists are pairwise disjoint (a test keeps them so): a word that belongs
to both languages goes into ``SHARED_WORDS`` only.

Version 1 (2026): 255 Dutch function words, 328 Dutch words, 187 English
function words, 236 English words and 92 shared words.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "EN_FUNCTION_WORDS",
    "EN_WORDS",
    "NL_FUNCTION_WORDS",
    "NL_WORDS",
    "SHARED_WORDS",
]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


NL_FUNCTION_WORDS: Final = _words(
    """
    de het een en ik jij je uw wij ze zij hij zijn haar hun hen hem mijn mij
    jou jouw ons onze jullie zich zelf elkaar mekaar ge gij
    die dat deze dit daar hier er wat wie waar wanneer hoe waarom welke welk
    niet geen wel ook nog al maar met voor op aan bij naar uit om te tot als dan
    omdat toch zo heel erg echt zeer veel weinig meer minder iets niets niks
    alles allemaal helemaal iedereen niemand ieder iedere elke alle andere ander
    hebben heb hebt heeft hadden ben bent waren wordt worden werd werden
    geworden kan kon kunnen konden moet moeten moest wil wilt willen wilde zal
    zullen zou zouden gaat ga gaan ging gingen komt kom komen kwam kwamen doe
    doet doen deed gedaan krijg krijgt krijgen kreeg kregen gekregen geweest
    gehad laat laten nu nooit altijd weer eens pas net vaak soms meteen dus
    daarom daarna eerst toen nadat zodat zoals hoewel tijdens zonder tegen onder
    boven sinds vanaf naast achter binnen buiten tussen mee heen terug verder
    misschien volgens noch reeds ofzo nogal beetje enkel enige enkele vooral
    echter alleen helaas graag gewoon eigenlijk natuurlijk zeker inmiddels
    nogmaals steeds waardoor waarvan waarop erop ervan erin ermee daarvan
    daarmee hierover hiervoor ondanks behalve anders zeg zegt gezegd weet weten
    denk denkt vind vindt vond vonden gevonden zie zien zag gezien staat stond
    zit zat ligt lag geeft gaf gegeven maakt maakte gemaakt neem neemt nam
    genomen hoop hoopte blijft bleef gebleven lijkt leek zelfs nou hoor
    """
)

NL_WORDS: Final = _words(
    """
    ja nee prima goed goede slecht slechte snel snelle snelheid traag trage
    langzaam geleverd levering bezorging bezorgd bezorger bezorgers pakket
    pakketje bestelling bestellingen besteld bestellen bestelde klant klanten
    klantenservice klantvriendelijk medewerker medewerkers medewerkster
    vriendelijk vriendelijke onvriendelijk behulpzaam behulpzame tevreden
    ontevreden blij teleurgesteld teleurstellend dank bedankt dankjewel
    dankuwel hartelijk groet groeten groetjes alsjeblieft alstublieft fijn fijne
    mooi mooie lekker lekkere heerlijk heerlijke overheerlijk aanrader aanraden
    keurig keurige netjes nette klopt kapot defect beschadigd kwijt zoek retour
    retourneren terugbetaling terugbetaald geld prijs prijzen prijzig duur dure
    goedkoop goedkope kwaliteit producten winkel winkels webshop artikel
    artikelen maat kleur levertijd wachttijd wachten gewacht lang lange dagen
    dag maand maanden uur uren minuten tijd bedrijf helpen geholpen hulp vraag
    vragen antwoord antwoorden reactie gereageerd reageren gebeld bellen
    gemaild telefoon telefonisch opgelost oplossing probleem problemen fout
    fouten klacht klachten ervaring ervaringen eten gerecht gerechten
    hoofdgerecht voorgerecht nagerecht bediening personeel ober serveerster
    sfeer gezellig gezellige drankje drankjes wijn wijnkaart bier ontbijt tafel
    tafeltje keuken zaak porties portie vlees vis kip saus friet frietjes
    mosselen groenten toetje soep kaart reservatie reservering uitstekend
    uitstekende geweldig geweldige fantastisch fantastische leuk leuke handig
    makkelijk gemakkelijk moeilijk duidelijk onduidelijk vervelend jammer balen
    belachelijk schandalig waardeloos waardeloze bagger triest zonde oke
    prettig prettige vlot vlotte aardig aardige aangenaam aangename zalig
    factuur rekening abonnement inloggen wachtwoord monteur afspraak storing
    verbinding trein vertraging vlucht koffer stoel kamer ontvangen ontvangst
    verzonden verzending gratis korting aanbieding nieuwe nieuw oud oude groot
    grote klein kleine schoon vies vuil koud ruim rustig druk vol fris mensen
    kinderen volgende keer eerste laatste gegeten gedronken gekocht kopen
    betaald betalen betaling beloofd beloofde ontzettend enorm hartstikke
    toppie topper topservice klasse supersnel supergoed superlekker
    supervriendelijk bijzonder lief lieve vriendelijkheid zorg zorgvuldig thuis
    dichtbij goedemorgen goedemiddag goedenavond hoi hallo doei ziens vandaag
    morgen gisteren hele smaak smaakte smakelijk vers verse aanwezig wachtrij
    medewerking nodig bereikbaar onbereikbaar bereiken orde onvriendelijke ooit
    slechtste beste advies sneller inrichting terras genieten lekkerste bediend
    serieus overdreven goeie spullen idee hoog laag verpakt verpakking doos
    aangekomen ingepakt teleurstelling
    """
)

EN_FUNCTION_WORDS: Final = _words(
    """
    the a an and or but not no i you he she it they my your his her its our
    their them us this that these those there here what which who whom whose
    where when why how are were be been being am have has having do does did
    done doing will would shall should can could may might to on at by
    for with from about into through after before under again very really too
    so just also only still than then if because as until while some any each
    every both more most other such own same nothing something anything
    everything nobody someone anyone everyone never always ever don't dont
    didn't didnt can't cant won't wont isn't isnt wasn't wasnt i'm im it's
    you're youre i've ive i'd i'll that's thats there's doesn't doesnt haven't
    havent couldn't couldnt wouldn't wouldnt shouldn't aren't weren't let's
    got get gets getting going go went gone come came make made take took give
    gave say said tell told know think need needed please yet already though
    although however without against during since off out up down all ur
    """
)

EN_WORDS: Final = _words(
    """
    yes yeah yep nope thank thanks thx ty cheers pls plz good great bad terrible
    awful horrible amazing awesome nice lovely fine fast quick quickly slow
    slowly delayed delay delays delivery delivered deliver ordered orders
    package parcel customer customers staff friendly unfriendly rude helpful
    unhelpful happy unhappy satisfied disappointed disappointing disappointment
    recommend recommended highly love loved like liked hate hated better worse
    price prices expensive cheap quality products store purchase purchased
    bought buy refund returned money wait waiting waited hours hour hrs minutes
    mins days day week weeks time flight flights cancelled canceled plane
    airline seat seats luggage bag bags baggage crew pilot gate boarding
    attendant attendants booking booked rebook rebooked ticket tickets agent
    agents call called calling phone help helped helping issue issues problem
    problems fixed answer answered response reply experience food meal meals
    waiter waitress dinner breakfast tasty delicious fresh cold hot clean dirty
    rooms definitely absolutely sure well right wrong broken damaged missing
    lost received arrived shipping shipped charged paid pay bill new old big
    small long first last next once another way today tomorrow yesterday night
    morning pretty quite much many lot lots little bit people guys thing things
    work worked working works sent send hello goodbye kindly polite easy
    difficult poor worth value cost costs charge fee fees hold line wine beer
    fantastic wonderful brilliant superb outstanding useless rubbish ridiculous
    unacceptable shame seriously smh exactly suck sucks lmao lmfao wtf fail
    """
)

SHARED_WORDS: Final = _words(
    """
    top super ok okay service perfect cool sorry wow lol omg hotel restaurant
    menu chef pizza burger app website online internet wifi email mail account
    team manager is was in of over me we u had want door even men best warm
    lunch dessert diner tip hard water bus taxi film club park check fan hey oh
    hi product order support feedback excellent correct direct via per deal fix
    update helpdesk shop bar snack drink weekend parking live stress chill fit
    sale box idem ps kind late worst room trip word must
    """
)
