"""Emotion cues for customer feedback, Dutch and English, as data.

Written for belofte from scratch. For each of the ten emotions belofte names
(``labels.EMOTIONS``) and each language, the words, expressions and emoji that
show it, each with a strength in (0, 1]. A cue is one line ``words strength``
in a block; ``*`` in a cue stands for up to two words of any kind ("maak me
*zorgen" matches "maak me echt zorgen", "voor de * keer" matches "voor de
derde keer"). Words are in token ``norm`` form (lower case, accents folded).
Inflected forms of one-word cues ("teleurgestelde") are found by the matcher.

One cue may show several emotions ("zonde": disappointment and sadness). A
longer cue that starts earlier wins over the cues inside it: "had me er zo op
verheugd" is sadness, not joy.

Version 1 (2026): about 310 Dutch and 290 English cues.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["CUES", "NEGATED_BECOMES"]

Cue = tuple[str, ...]


def _cues(block: str) -> dict[Cue, float]:
    """Lines ``word word strength`` into {words: strength}."""
    cues: dict[Cue, float] = {}
    for line in block.strip().splitlines():
        *words, strength = line.split()
        cue = tuple(words)
        if cue in cues:
            raise ValueError(f"duplicate emotion cue {' '.join(cue)!r}")
        cues[cue] = float(strength)
    return cues


_NL: Final = {
    "joy": """
        blij 1
        dolblij 1
        superblij 1
        happy 1
        heel happy 1
        vreugde 1
        verheugd .5
        heerlijk .6
        geweldig .5
        fantastisch .5
        genieten .7
        geniet .7
        genoten .7
        plezier .7
        plezierig .5
        in de wolken 1
        te gek .7
        enthousiast .8
        vrolijk .7
        ben fan .7
        dik tevreden .6
        tevreden .3
        leuk .3
        gaaf .4
        tof .4
        ben * gelukkig 1
        jippie 1
        hoera 1
        yes .4
        feestje .5
        top .2
        😀 .8
        😃 .8
        😄 .8
        😁 .8
        😆 .7
        😊 .7
        🙂 .4
        😍 .9
        🥰 .9
        🤩 .9
        🥳 .9
        🎉 .7
        ❤ .6
        💕 .6
        :) .4
        :D .7
        <3 .6
    """,
    "surprise": """
        verrast 1
        verrassing 1
        verrassend .8
        aangenaam verrast 1
        verbaasd 1
        verbazing 1
        verbazingwekkend .8
        niet verwacht 1
        nooit verwacht 1
        onverwacht .8
        onverwachts .8
        keek * van op 1
        versteld 1
        ongelooflijk .5
        niet te geloven .7
        wauw .6
        wow .6
        jeetje .6
        tjonge .5
        sjonge .5
        dan verwacht .6
        eerder dan verwacht .8
        sneller dan verwacht .9
        beter dan verwacht .9
        boven verwachting .9
        zomaar .3
        😮 .8
        😲 .8
        😯 .7
        🤯 .8
        😳 .6
    """,
    "gratitude": """
        bedankt 1
        dank 1
        dankjewel 1
        dankuwel 1
        dankbaar 1
        bedanken .8
        bedank .8
        merci .9
        thanks .9
        nogmaals dank 1
        dank je 1
        dank u 1
        dank je wel 1
        dank jullie wel 1
        dank u wel 1
        waardering .5
        complimenten .6
        compliment .5
        pluim .6
        chapeau .5
        🙏 .8
    """,
    "relief": """
        gelukkig 1
        gelukkig maar 1
        opgelucht 1
        opluchting 1
        eindelijk .6
        toch nog .6
        uiteindelijk toch .7
        goed gekomen .8
        goed afgelopen .8
        viel * mee .7
        valt * mee .6
        pff .7
        pfoe .7
        phew .7
        gered .5
        blij dat .4
        zorgen voor niets .8
        geruststellend .6
        😅 .4
        😌 .7
    """,
    "trust": """
        betrouwbaar 1
        betrouwbare 1
        vertrouwen 1
        vertrouw .8
        vertrouwd .8
        op * rekenen 1
        rekenen op 1
        kunt * vertrouwen 1
        kom * terug .7
        komen * terug .7
        zeker terug .7
        gerust hart 1
        gerust .6
        trouwe klant .8
        vaste klant .5
        loyaal .7
        aanrader .5
        aanbevelen .5
        aan te raden .5
        altijd goed .6
        als altijd .5
        zoals altijd .5
        nooit teleurgesteld .9
        nooit problemen .6
        blijf * klant .8
        blijven klant .8
        in goede handen 1
        zekerheid .4
        🤝 .6
    """,
    "anger": """
        boos 1
        woedend 1
        kwaad .8
        razend 1
        pissig 1
        witheet 1
        laaiend 1
        boosheid 1
        woede 1
        schandalig 1
        schande 1
        belachelijk .8
        onacceptabel .9
        onaanvaardbaar .9
        slaat * nergens op .8
        nergens op .5
        te gek voor woorden .9
        bespottelijk .8
        oplichters 1
        oplichting 1
        opgelicht .9
        dieven .9
        diefstal .8
        klote .4
        kut .4
        godverdomme 1
        verdomme .8
        tering .8
        walgelijk .8
        respectloos .7
        brutaal .5
        onbeschoft .4
        hoe durven jullie 1
        😡 1
        🤬 1
        😠 .9
        👿 .8
        🖕 1
    """,
    "frustration": """
        frustrerend 1
        gefrustreerd 1
        frustratie 1
        frustraties 1
        irritant .8
        geirriteerd .8
        irritatie .8
        ergerlijk .8
        ergernis .8
        erger me .8
        gedoe .8
        rompslomp .8
        gezeur .7
        kastje naar de muur 1
        moe van .8
        word * moe .7
        het * zat .8
        spuugzat 1
        beu .8
        klaar mee .8
        alweer .6
        weer eens .6
        opnieuw .2
        voor de * keer .8
        nog steeds .5
        nog altijd niet .6
        steeds weer .6
        elke keer .4
        hoe vaak .6
        waarom moet .6
        waarom * zo .5
        zo moeilijk .5
        eindeloos .6
        eindeloze .6
        onmogelijk .4
        zucht .7
        lastig .3
        omslachtig .5
        ingewikkeld .3
        gezeik .8
        😤 .8
        🙄 .8
        🤦 .8
        😩 .6
        😫 .6
    """,
    "disappointment": """
        teleurgesteld 1
        teleurstellend 1
        teleurstelling 1
        jammer .7
        jammer genoeg .6
        jammer dat .6
        valt * tegen .9
        viel * tegen .9
        vallen * tegen .9
        vielen * tegen .9
        tegenvaller .9
        tegenvallend .8
        meer verwacht .9
        beter verwacht .9
        meer van verwacht .9
        had gehoopt .7
        zonde .6
        balen .8
        baal .8
        gebaald .8
        helaas .4
        ontevreden .6
        spijt .5
        miskoop .7
        nooit meer .5
        niet wat ik * verwachtte .8
        😞 .8
        😔 .6
        😕 .5
        🙁 .5
        ☹ .5
        :( .5
        👎 .5
    """,
    "worry": """
        maak me * zorgen 1
        maak * zorgen .8
        zorgen over .7
        zorgen of .8
        bezorgd over .8
        ben * bezorgd .8
        ongerust 1
        bang 1
        angstig 1
        spannend .5
        hopelijk .6
        hoop dat .6
        ik hoop .6
        hoop ik .5
        weet niet of .7
        vraag me af .5
        onzeker .7
        nerveus .8
        zenuwachtig .8
        twijfel .5
        stress .6
        goed komt .5
        of het * lukt .5
        😟 .8
        😰 .8
        😨 .8
        😬 .5
    """,
    "sadness": """
        verdrietig 1
        verdriet 1
        triest .8
        treurig .8
        droevig .8
        zonde .4
        jammer dat .5
        had me * verheugd 1
        had me * op verheugd 1
        naar uitgekeken .8
        huilen .8
        gehuild .8
        pijnlijk .5
        somber .7
        zielig .7
        rot gevoel .8
        naar gevoel .6
        balen .3
        😢 .9
        😭 .9
        💔 .8
        😥 .7
    """,
}

_EN: Final = {
    "joy": """
        happy 1
        so happy 1
        glad .7
        delighted 1
        thrilled 1
        pleased .8
        love it 1
        loved it 1
        love .6
        loving .6
        made my day 1
        joy 1
        enjoy .6
        enjoyed .6
        over the moon 1
        excited .8
        wonderful .5
        amazing .4
        awesome .4
        fantastic .4
        can't wait .5
        yay 1
        woohoo 1
        cheerful .6
        ecstatic 1
        stoked .8
        chuffed .9
        a joy 1
        😀 .8
        😃 .8
        😄 .8
        😁 .8
        😆 .7
        😊 .7
        🙂 .4
        😍 .9
        🥰 .9
        🤩 .9
        🥳 .9
        🎉 .7
        ❤ .6
        💕 .6
        :) .4
        :D .7
        <3 .6
    """,
    "surprise": """
        surprised 1
        surprise 1
        surprising .8
        pleasantly surprised 1
        unexpected .8
        unexpectedly .8
        not expect 1
        didn't expect 1
        did not expect 1
        never expected .8
        wasn't expecting .8
        not expecting .8
        amazed .8
        astonished 1
        astonishing .8
        stunned .8
        shocked .5
        off guard 1
        hardly believe 1
        can't believe .8
        couldn't believe .8
        could not believe .8
        wow .6
        whoa .6
        than expected .6
        beyond expectations .9
        exceeded * expectations .9
        out of nowhere .5
        😮 .8
        😲 .8
        😯 .7
        🤯 .8
        😳 .6
    """,
    "gratitude": """
        thanks 1
        thank 1
        thx 1
        thank you 1
        many thanks 1
        grateful 1
        thankful 1
        appreciated .9
        appreciate .9
        appreciation .8
        much appreciated 1
        kudos .6
        shout out .6
        cheers .3
        bedankt .9
        🙏 .8
    """,
    "relief": """
        relief 1
        relieved 1
        what a relief 1
        luckily .8
        thankfully .8
        fortunately .7
        finally .6
        phew 1
        worked out .7
        in the end .4
        at last .6
        back to normal .6
        weight off .8
        crisis averted 1
        panic over .8
        saved the day .7
        glad that .4
        😅 .4
        😌 .7
    """,
    "trust": """
        trust 1
        trusted .8
        trustworthy 1
        reliable 1
        reliability .8
        dependable 1
        count on 1
        rely on 1
        peace of mind 1
        be back .8
        come back .6
        coming back .6
        shop here again .8
        order again .6
        loyal .8
        loyal customer 1
        as always .6
        never disappoint 1
        never disappoints 1
        never let me down 1
        never lets me down 1
        recommend .5
        highly recommend .7
        safe hands .8
        good hands .8
        confidence .6
        confident .6
        🤝 .6
    """,
    "anger": """
        angry 1
        furious 1
        livid 1
        outraged 1
        outrageous 1
        fuming 1
        pissed 1
        pissed off 1
        mad .6
        rage 1
        enraged 1
        ridiculous .7
        unacceptable .9
        disgraceful 1
        disgrace 1
        disgusting .8
        disgusted .8
        appalling .7
        appalled .9
        shameful .8
        shame on you 1
        scam .8
        fraud .8
        thieves .9
        how dare 1
        wtf .8
        the worst .4
        😡 1
        🤬 1
        😠 .9
        👿 .8
        🖕 1
    """,
    "frustration": """
        frustrating 1
        frustrated 1
        frustration 1
        annoying .8
        annoyed .8
        irritating .8
        irritated .8
        fed up 1
        fed-up 1
        sick of .9
        tired of .8
        sick and tired 1
        hassle .8
        pillar to post 1
        again and again .8
        yet again .8
        again .3
        still waiting .7
        still not .6
        still nothing .7
        for the * time .7
        how many times .8
        why * so .5
        why * have to .7
        chasing .7
        endless .6
        runaround .8
        run around .6
        nightmare .6
        ugh .8
        argh .8
        sigh .7
        keeps .3
        ridiculous .4
        😤 .8
        🙄 .8
        🤦 .8
        😩 .6
        😫 .6
    """,
    "disappointment": """
        disappointed 1
        disappointing 1
        disappointment 1
        letdown 1
        let down 1
        let me down 1
        expected better 1
        expected more 1
        expect better .9
        shame .6
        pity .5
        what i hoped .8
        not what i hoped .9
        not what i expected .9
        hoped for .7
        was hoping .6
        underwhelmed 1
        underwhelming .9
        unfortunately .3
        sadly .3
        regret .6
        not impressed 1
        dissatisfied .7
        gutted .7
        never again .5
        😞 .8
        😔 .6
        😕 .5
        🙁 .5
        ☹ .5
        :( .5
        👎 .5
    """,
    "worry": """
        worried 1
        worry .9
        worrying .8
        concerned .8
        concern .6
        anxious 1
        nervous .9
        afraid .8
        scared .8
        fear .7
        not sure .6
        unsure .6
        hope .5
        hopefully .6
        fingers crossed .8
        wondering if .6
        what if .6
        uneasy .8
        stressed .7
        stress .5
        doubt .5
        😟 .8
        😰 .8
        😨 .8
        😬 .5
    """,
    "sadness": """
        sad 1
        sadly .4
        unhappy .5
        upset .6
        heartbroken 1
        broke my heart 1
        gutted .5
        depressing .8
        depressed .8
        feeling down 1
        feel down .8
        really down .7
        such a pity .6
        pity .4
        had been looking forward 1
        was * looking forward 1
        were * looking forward 1
        tears .8
        cry .7
        crying .7
        miserable .8
        😢 .9
        😭 .9
        💔 .8
        😥 .7
    """,
}


def _language(table: Mapping[str, str]) -> Mapping[str, Mapping[Cue, float]]:
    return MappingProxyType(
        {name: MappingProxyType(_cues(block)) for name, block in table.items()}
    )


#: language -> emotion -> cue (tuple of norms, "*" a gap) -> strength.
CUES: Final[Mapping[str, Mapping[str, Mapping[Cue, float]]]] = MappingProxyType(
    {"nl": _language(_NL), "en": _language(_EN)}
)

#: A negated cue shows no emotion ("niet boos"), except these: "niet blij" is
#: a small disappointment, "not reliable" too.
NEGATED_BECOMES: Final[Mapping[str, tuple[str, float]]] = MappingProxyType(
    {"joy": ("disappointment", 0.5), "trust": ("disappointment", 0.4)}
)
