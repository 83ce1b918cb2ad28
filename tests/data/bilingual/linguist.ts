<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="ru_RU">
<context>
    <name>NewsWindow</name>
    <message>
        <location filename="../src/newswindow.cpp" line="42"/>
        <source>Светошумовые гранаты взорвались &amp; люди побежали.</source>
        <translation>Noise grenades exploded &amp; people ran.</translation>
    </message>
    <message>
        <location filename="../src/newswindow.cpp" line="57"/>
        <source>Полиция разогнала протестующих.</source>
        <comment>headline &lt;b&gt;</comment>
        <translation type="unfinished">The police dispersed the Protestants.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/newswindow.cpp" line="63"/>
        <source>%n мародёр(ов) задержан(о) у магазина</source>
        <translation>
            <numerusform>%n marauder was detained at the shop</numerusform>
            <numerusform>%n marauders were detained at the shop</numerusform>
        </translation>
    </message>
    <message>
        <source>Старая строка про протестующих.</source>
        <translation type="vanished">Old line about the Protestants near the police.</translation>
    </message>
    <message>
        <source>Устаревшая строка.</source>
        <translation type="obsolete">The Protestants and the police, an obsolete line.</translation>
    </message>
</context>
</TS>
