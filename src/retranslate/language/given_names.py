"""Common given names, lower-cased: a capitalised word beside one is a name, not a common word.

English and the names Russian, Ukrainian, Belarusian, Georgian and Kazakh news mentions most in
their usual English spellings. Names that are also common words ("will", "rose", "mark") are in
the list too: a check takes only those the word list counts as rare in lower case.
"""

from __future__ import annotations

GIVEN_NAMES = frozenset("""
aaron adam adrian alan albert alex alexander alexandra alexei alexey aleksandr aleksei alena
alice alina alla allison amanda amy andrea andrei andrew andrey angela angelina anna anne
anton antony arkady arnold arseny artem artyom barbara benjamin bernard boris brian bruce
carl carlos caroline catherine charles charlotte christina christopher claire cyril daniel
daria darya david dennis denis diana dmitri dmitry donald dorothy douglas eduard edward
ekaterina elena elizabeth elvira emily emma emmanuel eric evgeny evgenia fedor fyodor
francis frederick gennady george georgy gerhard gleb gregory grigory helen helena henry
herbert hillary howard igor ilya inna irina isabel ivan jacob james jane janet jennifer
jessica joanna john jonathan joseph julia kamala karen kassym katherine kevin kirill konstantin
kseniya ksenia larisa larissa laura leonid lidia lidiya liudmila lyudmila louis lucy lyubov
margarita maria marina marianna martin mary matthew maxim michael mikhail mikheil nadezhda
natalia natalya nataliya nelly nicholas nikita nikolai nikolay nina oksana oleg olga pavel
peter philip polina rachel ramzan richard robert roman ronald rostislav ruslan samuel
sarah semyon sergei sergey sergiy sofia sophia stanislav stephen steven svetlana taisiya
tamara tatiana tatyana thomas timur timothy valentina valentin valery valeria vasily vera
veronika viktor viktoria vitaly vladimir vladislav vyacheslav walter william yana yaroslav
yekaterina yelena yevgeny yulia yuliya yuri yury zakhar
""".split())  # noqa: SIM905

FEMALE_NAMES = frozenset("""
alena alexandra alice alina alla allison amanda amy andrea angela angelina anna anne barbara
caroline catherine charlotte christina claire daria darya diana dorothy ekaterina elena
elizabeth elvira emily emma evgenia helen helena hillary inna irina isabel jane janet jennifer
jessica joanna julia kamala karen katherine kseniya ksenia larisa larissa laura lidia lidiya
liudmila lyudmila lucy lyubov margarita maria marina marianna mary nadezhda natalia natalya
nataliya nelly nina oksana olga polina rachel sarah sofia sophia svetlana taisiya tamara
tatiana tatyana valentina valeria vera veronika viktoria yana yekaterina yelena yulia yuliya
""".split())  # noqa: SIM905
# Unisex, or not a person's name often enough to tell a gender by.
_UNISEX = frozenset(["alex"])
MALE_NAMES = GIVEN_NAMES - FEMALE_NAMES - _UNISEX
