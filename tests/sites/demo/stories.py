"""Content of the demo news site: eight original fictional stories in six languages.

Everything here is plain data: the outlet's localized interface labels and the
stories themselves (Indonesian original plus machine-translation-style English,
Chinese, Japanese, Arabic and French versions). ``sites.demo.site`` turns it
into HTML pages, feeds and sitemaps.

Every story carries a distinctive Latin-script place name and a person's name
(``terms``) that occur in no other story, plus a native-script rendering of the
place name in the Chinese, Japanese and Arabic versions (``Version.native_term``).
None of these search terms appears in any headline, so a related-news block on
another page can never leak them.
"""
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field

OUTLET = "Kabar Nusantara"
LANGUAGES: tuple[str, ...] = ("id", "en", "zh", "ja", "ar", "fr")
TRANSLATIONS: tuple[str, ...] = LANGUAGES[1:]

LANGUAGE_NAMES: dict[str, str] = {
    "id": "Bahasa Indonesia",
    "en": "English",
    "zh": "中文",
    "ja": "日本語",
    "ar": "العربية",
    "fr": "Français",
}

OG_LOCALES: dict[str, str] = {
    "id": "id_ID",
    "en": "en_US",
    "zh": "zh_CN",
    "ja": "ja_JP",
    "ar": "ar_AR",
    "fr": "fr_FR",
}

SOCIAL_LABELS: tuple[str, ...] = ("Facebook", "X (Twitter)", "WhatsApp", "Telegram")

DISCLAIMER = (
    "Note: the English, Chinese, Japanese, Arabic and French editions of Kabar "
    "Nusantara are produced automatically by machine translation and may contain "
    "errors. The original Indonesian article remains the authoritative version."
)

# Section slug -> localized section name.
SECTIONS: dict[str, dict[str, str]] = {
    "ekonomi": {
        "id": "Ekonomi",
        "en": "Economy",
        "zh": "经济",
        "ja": "経済",
        "ar": "اقتصاد",
        "fr": "Économie",
    },
    "peristiwa": {
        "id": "Peristiwa",
        "en": "Incidents",
        "zh": "社会",
        "ja": "社会",
        "ar": "حوادث",
        "fr": "Faits divers",
    },
    "olahraga": {
        "id": "Olahraga",
        "en": "Sports",
        "zh": "体育",
        "ja": "スポーツ",
        "ar": "رياضة",
        "fr": "Sport",
    },
    "teknologi": {
        "id": "Teknologi",
        "en": "Technology",
        "zh": "科技",
        "ja": "テクノロジー",
        "ar": "تكنولوجيا",
        "fr": "Technologie",
    },
    "budaya": {
        "id": "Budaya",
        "en": "Culture",
        "zh": "文化",
        "ja": "文化",
        "ar": "ثقافة",
        "fr": "Culture",
    },
    "daerah": {
        "id": "Daerah",
        "en": "Regions",
        "zh": "地方",
        "ja": "地域",
        "ar": "مناطق",
        "fr": "Régions",
    },
}


@dataclass(frozen=True)
class Labels:
    """Interface strings of one language edition."""

    home: str
    about: str
    contact: str
    share: str
    related: str
    tags: str
    latest: str
    updated: str
    byline: str
    copyright: str
    address: str
    tagline: str
    months: tuple[str, ...] = ()


UI: dict[str, Labels] = {
    "id": Labels(
        home="Beranda",
        about="Tentang Kami",
        contact="Kontak Redaksi",
        share="Bagikan:",
        related="Berita Terkait",
        tags="Tag:",
        latest="Berita Terbaru",
        updated="Diperbarui:",
        byline="Oleh:",
        copyright="© 2026 Kabar Nusantara. Seluruh hak cipta dilindungi.",
        address="Gedung Kabar Nusantara, Jl. Kenari Raya No. 17, Jakarta Pusat 10430",
        tagline="Kabar terkini dari seluruh penjuru Nusantara",
        months=(
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ),
    ),
    "en": Labels(
        home="Front Page",
        about="About Us",
        contact="Newsroom Contact",
        share="Share:",
        related="Related News",
        tags="Tags:",
        latest="Latest News",
        updated="Updated:",
        byline="By",
        copyright="© 2026 Kabar Nusantara. All rights reserved.",
        address="Kabar Nusantara Building, Jl. Kenari Raya No. 17, Central Jakarta 10430",
        tagline="News from every corner of the archipelago",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
    ),
    "zh": Labels(
        home="首页",
        about="关于我们",
        contact="联系编辑部",
        share="分享：",
        related="相关新闻",
        tags="标签：",
        latest="最新消息",
        updated="更新：",
        byline="作者：",
        copyright="© 2026 Kabar Nusantara 版权所有",
        address="雅加达中区 Kenari Raya 路17号 Kabar Nusantara 大楼，邮编10430",
        tagline="来自印尼群岛各地的新闻",
    ),
    "ja": Labels(
        home="トップページ",
        about="会社概要",
        contact="編集部への連絡",
        share="シェア：",
        related="関連ニュース",
        tags="タグ：",
        latest="最新ニュース",
        updated="更新：",
        byline="文：",
        copyright="© 2026 Kabar Nusantara 無断転載を禁じます",
        address="ジャカルタ中央区ケナリ・ラヤ通り17番地 Kabar Nusantaraビル（郵便番号10430）",
        tagline="インドネシア各地から届くニュース",
    ),
    "ar": Labels(
        home="الصفحة الرئيسية",
        about="من نحن",
        contact="اتصل بالتحرير",
        share="شارك:",
        related="أخبار ذات صلة",
        tags="الوسوم:",
        latest="آخر الأخبار",
        updated="تحديث:",
        byline="بقلم:",
        copyright="© 2026 Kabar Nusantara. جميع الحقوق محفوظة.",
        address="مبنى Kabar Nusantara، شارع كيناري رايا رقم 17، جاكرتا الوسطى 10430",
        tagline="أخبار من كل أنحاء الأرخبيل الإندونيسي",
        months=(
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ),
    ),
    "fr": Labels(
        home="Page d'accueil",
        about="Qui sommes-nous",
        contact="Contacter la rédaction",
        share="Partager:",
        related="Nouvelles connexes",
        tags="Mots-clés :",
        latest="Dernières nouvelles",
        updated="Mis à jour :",
        byline="Par",
        copyright="© 2026 Kabar Nusantara. Tous droits réservés.",
        address="Immeuble Kabar Nusantara, Jl. Kenari Raya n° 17, Jakarta-Centre 10430",
        tagline="L'actualité de tout l'archipel indonésien",
        months=(
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
    ),
}

ABOUT_PARAGRAPHS: tuple[str, ...] = (
    "Kabar Nusantara adalah media daring independen yang didirikan oleh sekelompok jurnalis di Jakarta. Kami meliput peristiwa, ekonomi, olahraga, teknologi, dan budaya dari berbagai provinsi, dengan perhatian khusus pada daerah yang jarang mendapat sorotan media nasional.",
    "Redaksi kami bekerja dengan jaringan koresponden di Sumatra, Jawa, Nusa Tenggara, Sulawesi, Maluku, dan Papua. Setiap berita melewati proses verifikasi oleh editor sebelum diterbitkan, dan koreksi dicantumkan secara terbuka di bagian bawah artikel.",
    "Selain edisi Bahasa Indonesia, kami menyediakan terjemahan otomatis ke dalam bahasa Inggris, Mandarin, Jepang, Arab, dan Prancis agar pembaca di luar negeri dapat mengikuti perkembangan di tanah air.",
    "Kabar Nusantara tidak berafiliasi dengan partai politik mana pun. Pendanaan kami berasal dari iklan, langganan premium, dan dukungan pembaca.",
)

CONTACT_LINES: tuple[str, ...] = (
    "Redaksi Kabar Nusantara",
    "Gedung Kabar Nusantara, Jl. Kenari Raya No. 17, Jakarta Pusat 10430",
    "Telepon: (021) 555-0147",
    "Surel redaksi: redaksi@kabarnusantara.example",
    "Surel iklan: iklan@kabarnusantara.example",
)


@dataclass(frozen=True)
class Version:
    """One language version of a story."""

    title: str
    caption: str
    paragraphs: tuple[str, ...]
    native_term: str | None = None


@dataclass(frozen=True)
class Story:
    """A story with its metadata and its six language versions."""

    id: int
    slug: str
    section: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    published: str
    modified: str | None
    terms: tuple[str, ...]
    versions: dict[str, Version] = field(default_factory=dict)


STORIES: tuple[Story, ...] = (
    Story(
        id=101,
        slug="koperasi-vanili-flores-kirim-12-ton-ke-eropa",
        section="ekonomi",
        tags=("Vanili", "Koperasi", "Ekspor", "Pertanian"),
        authors=("Rina Maharani",),
        published="2026-02-10T09:30:00+07:00",
        modified="2026-02-10T14:05:00+07:00",
        terms=("Pakuwesi", "Yosef Lewar"),
        versions={
            "id": Version(
                title="Koperasi Vanili di Flores Kirim 12 Ton ke Eropa, Harga di Tingkat Petani Naik",
                caption="Petani memilah polong vanili kering di gudang koperasi Desa Pakuwesi, Sikka (foto: Kabar Nusantara/Agus Riyanto)",
                paragraphs=(
                    "MAUMERE – Koperasi petani vanili dari Desa Pakuwesi, Kabupaten Sikka, Nusa Tenggara Timur, mengirim 12 ton vanili kering ke Belanda dan Jerman pada Senin (9/2/2026). Pengiriman itu menjadi yang terbesar sejak koperasi berdiri tujuh tahun lalu.",
                    "Ketua koperasi, Yosef Lewar, mengatakan harga beli di tingkat petani kini mencapai Rp 1,8 juta per kilogram, naik hampir 40 persen dibanding tahun lalu. Menurut dia, kenaikan itu terjadi karena pembeli Eropa bersedia membayar lebih untuk vanili yang dikeringkan secara perlahan selama tiga bulan.",
                    "Sebanyak 214 petani kini tergabung dalam koperasi tersebut. Mereka menanam vanili di sela pohon kelapa dan kakao, sehingga lahan yang sama tetap menghasilkan beberapa komoditas sepanjang tahun.",
                    "Dinas Perdagangan Sikka mencatat nilai ekspor vanili dari kabupaten itu mencapai Rp 21 miliar sepanjang 2025. Pemerintah daerah berencana membangun gudang pengeringan bersama agar mutu panen lebih seragam.",
                    "Meski demikian, petani masih menghadapi ancaman pencurian buah vanili menjelang panen. Sejumlah kelompok tani bergiliran menjaga kebun pada malam hari dan memberi tanda pada setiap polong dengan stempel khusus.",
                    "Yosef berharap pengiriman berikutnya pada bulan Mei dapat mencapai 15 ton. “Kalau mutu tetap terjaga, pembeli sudah menyatakan siap menambah kontrak,” ujarnya.",
                ),
            ),
            "en": Version(
                title="Flores Vanilla Cooperative Ships 12 Tonnes to Europe as Farm-Gate Prices Rise",
                caption="Farmers sort cured vanilla pods at the cooperative warehouse in Pakuwesi village, Sikka (photo: Kabar Nusantara/Agus Riyanto)",
                paragraphs=(
                    "MAUMERE – A vanilla farmers' cooperative from Pakuwesi village in Sikka Regency, East Nusa Tenggara, shipped 12 tonnes of cured vanilla to the Netherlands and Germany on Monday (9/2/2026). The consignment is the largest since the cooperative was founded seven years ago.",
                    "The cooperative's chairman, Yosef Lewar, said the purchase price paid to farmers has now reached Rp 1.8 million per kilogram, almost 40 percent higher than last year. According to him, the increase came because European buyers are willing to pay more for vanilla that is dried slowly over three months.",
                    "A total of 214 farmers now belong to the cooperative. They grow vanilla between coconut and cocoa trees, so the same land keeps producing several commodities throughout the year.",
                    "The Sikka Trade Office recorded that the regency's vanilla exports were worth Rp 21 billion in 2025. The local government plans to build a shared drying warehouse so that the quality of the harvest becomes more uniform.",
                    "Even so, farmers still face the threat of vanilla pods being stolen ahead of the harvest. Several farmer groups take turns guarding the gardens at night and mark every pod with a special stamp.",
                    "Yosef hopes the next shipment in May can reach 15 tonnes. “If the quality is maintained, the buyers have already said they are ready to add to the contract,” he said.",
                ),
            ),
            "zh": Version(
                title="弗洛勒斯香草合作社向欧洲发货12吨，农户收购价上涨",
                caption="农民在锡卡县帕库韦西村合作社仓库分拣干香草荚（图：Kabar Nusantara/Agus Riyanto）",
                native_term="帕库韦西",
                paragraphs=(
                    "毛梅雷——东努沙登加拉省锡卡县帕库韦西村（Pakuwesi）的香草农户合作社于周一（2026年2月9日）向荷兰和德国发运了12吨干香草。这是该合作社七年前成立以来规模最大的一批货物。",
                    "合作社主席 Yosef Lewar 表示，农户的收购价目前已达到每公斤180万印尼盾，比去年上涨近40%。他说，价格上涨是因为欧洲买家愿意为经过三个月缓慢晾干的香草支付更高的价格。",
                    "目前共有214名农户加入该合作社。他们在椰子树和可可树之间种植香草，使同一块土地全年都能产出多种农产品。",
                    "锡卡县贸易局的记录显示，2025年该县香草出口额达到210亿印尼盾。地方政府计划修建一座共用的晾晒仓库，使收成的品质更加统一。",
                    "尽管如此，农户在收获前仍面临香草荚被盗的威胁。一些农民小组轮流在夜间看守种植园，并在每一根香草荚上加盖特制印章。",
                    "Yosef 希望五月份的下一批货能达到15吨。他说：“只要品质保持稳定，买家已经表示准备追加合同。”",
                ),
            ),
            "ja": Version(
                title="フローレス島のバニラ協同組合、欧州へ12トン出荷　農家の買い取り価格が上昇",
                caption="シッカ県パクウェシ村の組合倉庫で乾燥バニラのさやを選別する農家（写真：Kabar Nusantara/Agus Riyanto）",
                native_term="パクウェシ",
                paragraphs=(
                    "マウメレ発――東ヌサトゥンガラ州シッカ県パクウェシ村（Pakuwesi）のバニラ農家協同組合は月曜日（2026年2月9日）、乾燥バニラ12トンをオランダとドイツに向けて出荷した。7年前の組合設立以来、最大の出荷量となった。",
                    "組合長の Yosef Lewar 氏によると、農家からの買い取り価格は現在1キロあたり180万ルピアに達し、昨年より40％近く上昇した。同氏は、3か月かけてゆっくり乾燥させたバニラに欧州の買い手がより高い代金を払うようになったことが値上がりの理由だと述べた。",
                    "現在、組合には214人の農家が加入している。農家はココヤシやカカオの木の間でバニラを栽培しており、同じ土地で一年を通じて複数の作物を収穫できる。",
                    "シッカ県商業局によると、同県の2025年のバニラ輸出額は210億ルピアに上った。県当局は収穫物の品質をそろえるため、共同の乾燥倉庫を建設する計画だ。",
                    "それでも農家は、収穫を前にしたバニラのさやの盗難という脅威に直面している。いくつかの農家グループは夜間に交代で畑を見回り、すべてのさやに特製の刻印を押している。",
                    "Yosef 氏は、5月の次回出荷が15トンに達することを期待している。「品質を保てれば、買い手は契約を増やす用意があると既に伝えてきている」と語った。",
                ),
            ),
            "ar": Version(
                title="تعاونية للفانيليا في فلوريس تشحن 12 طناً إلى أوروبا وارتفاع أسعار الشراء من المزارعين",
                caption="مزارعون يفرزون قرون الفانيليا المجففة في مستودع التعاونية بقرية باكويسي في سيكا (صورة: Kabar Nusantara/Agus Riyanto)",
                native_term="باكويسي",
                paragraphs=(
                    "ماوميري – شحنت تعاونية لمزارعي الفانيليا من قرية باكويسي (Pakuwesi) في مقاطعة سيكا بإقليم نوسا تينغارا الشرقية 12 طناً من الفانيليا المجففة إلى هولندا وألمانيا يوم الاثنين (9/2/2026). وتُعد هذه الشحنة الأكبر منذ تأسيس التعاونية قبل سبع سنوات.",
                    "وقال رئيس التعاونية Yosef Lewar إن سعر الشراء من المزارعين بلغ الآن 1.8 مليون روبية للكيلوغرام، بزيادة تقارب 40 في المئة مقارنة بالعام الماضي. وأوضح أن الارتفاع يعود إلى استعداد المشترين الأوروبيين لدفع المزيد مقابل الفانيليا التي تُجفف ببطء على مدى ثلاثة أشهر.",
                    "ويبلغ عدد المزارعين المنضمين إلى التعاونية حالياً 214 مزارعاً. ويزرعون الفانيليا بين أشجار جوز الهند والكاكاو، مما يتيح للأرض نفسها إنتاج عدة محاصيل على مدار العام.",
                    "وسجل مكتب التجارة في سيكا أن قيمة صادرات الفانيليا من المقاطعة بلغت 21 مليار روبية خلال عام 2025. وتعتزم الحكومة المحلية بناء مستودع تجفيف مشترك لتصبح جودة المحصول أكثر تجانساً.",
                    "ومع ذلك، لا يزال المزارعون يواجهون خطر سرقة قرون الفانيليا قبيل موسم الحصاد. وتتناوب عدة مجموعات من المزارعين على حراسة البساتين ليلاً، وتضع علامة على كل قرن بختم خاص.",
                    "ويأمل Yosef أن تصل الشحنة التالية في شهر مايو إلى 15 طناً. وقال: “إذا حافظنا على الجودة، فقد أبدى المشترون استعدادهم لزيادة العقود”.",
                ),
            ),
            "fr": Version(
                title="Une coopérative de vanille de Florès expédie 12 tonnes vers l'Europe, les prix payés aux producteurs augmentent",
                caption="Des agriculteurs trient des gousses de vanille séchées dans l'entrepôt de la coopérative à Pakuwesi, Sikka (photo : Kabar Nusantara/Agus Riyanto)",
                paragraphs=(
                    "MAUMERE – Une coopérative de producteurs de vanille du village de Pakuwesi, dans le district de Sikka (Nusa Tenggara oriental), a expédié lundi (9/2/2026) 12 tonnes de vanille séchée vers les Pays-Bas et l'Allemagne. Il s'agit de la plus grosse cargaison depuis la création de la coopérative il y a sept ans.",
                    "Le président de la coopérative, Yosef Lewar, a indiqué que le prix d'achat aux agriculteurs atteint désormais 1,8 million de roupies le kilogramme, soit près de 40 % de plus que l'an dernier. Selon lui, cette hausse s'explique par le fait que les acheteurs européens acceptent de payer davantage pour une vanille séchée lentement pendant trois mois.",
                    "La coopérative compte aujourd'hui 214 agriculteurs. Ils cultivent la vanille entre les cocotiers et les cacaoyers, si bien que les mêmes parcelles produisent plusieurs denrées tout au long de l'année.",
                    "Le service du commerce de Sikka a enregistré des exportations de vanille d'une valeur de 21 milliards de roupies pour l'ensemble de 2025. Les autorités locales prévoient de construire un entrepôt de séchage commun afin d'uniformiser la qualité des récoltes.",
                    "Les agriculteurs restent toutefois exposés au vol des gousses à l'approche de la récolte. Plusieurs groupes de producteurs se relaient pour surveiller les plantations la nuit et marquent chaque gousse d'un tampon spécial.",
                    "Yosef espère que la prochaine expédition, en mai, atteindra 15 tonnes. « Si la qualité reste au rendez-vous, les acheteurs se sont déjà dits prêts à augmenter les contrats », a-t-il déclaré.",
                ),
            ),
        },
    ),
    Story(
        id=102,
        slug="status-gunung-api-halmahera-naik-menjadi-siaga",
        section="peristiwa",
        tags=("Gunung Api", "Mitigasi Bencana", "Maluku Utara"),
        authors=("Yohanes Kelen", "Dewi Anggraini"),
        published="2026-03-04T06:45:00+07:00",
        modified="2026-03-04T11:20:00+07:00",
        terms=("Sindarapi", "Ruslan Baadilla"),
        versions={
            "id": Version(
                title="Status Gunung Api di Halmahera Naik Menjadi Siaga, Warga Radius 4 Km Dievakuasi",
                caption="Kolom abu membubung dari kawah Gunung Sindarapi, Halmahera Barat, Rabu pagi (foto: Kabar Nusantara/Hasan Ode)",
                paragraphs=(
                    "TERNATE – Pusat Vulkanologi dan Mitigasi Bencana Geologi menaikkan status Gunung Sindarapi di Halmahera Barat, Maluku Utara, dari Waspada (Level II) menjadi Siaga (Level III) pada Rabu (4/3/2026) pukul 05.00 WIT. Keputusan itu diambil setelah jumlah gempa vulkanik dalam sepekan terakhir melonjak tajam.",
                    "Kepala Pos Pengamatan Gunung Sindarapi, Ruslan Baadilla, mengatakan petugas mencatat 186 kali gempa vulkanik dalam selama 24 jam terakhir. Kolom abu setinggi 800 meter juga terlihat dari pos pengamatan sejak Selasa malam.",
                    "Pemerintah kabupaten meminta warga di dalam radius empat kilometer dari kawah untuk mengungsi. Sekitar 2.300 jiwa dari lima desa kini ditampung di gedung sekolah dan balai desa di ibu kota kecamatan.",
                    "Badan Penanggulangan Bencana Daerah menyiapkan 40 ribu masker dan menyalurkan air bersih ke lokasi pengungsian. Petugas juga mengimbau warga yang tinggal di sepanjang aliran sungai agar mewaspadai banjir lahar jika hujan deras turun.",
                    "Maskapai yang melayani Bandara Sultan Babullah di Ternate diminta memantau sebaran abu. Hingga Rabu siang, penerbangan masih berjalan normal karena angin bertiup ke arah barat laut, menjauhi bandara.",
                ),
            ),
            "en": Version(
                title="Halmahera Volcano Alert Raised to Level III, Residents Within 4 km Evacuated",
                caption="An ash column rises from the crater of Mount Sindarapi, West Halmahera, on Wednesday morning (photo: Kabar Nusantara/Hasan Ode)",
                paragraphs=(
                    "TERNATE – The Centre for Volcanology and Geological Hazard Mitigation raised the status of Mount Sindarapi in West Halmahera, North Maluku, from Waspada (Level II) to Siaga (Level III) at 05:00 local time on Wednesday (4/3/2026). The decision was taken after the number of volcanic earthquakes rose sharply over the past week.",
                    "The head of the Mount Sindarapi observation post, Ruslan Baadilla, said officers recorded 186 deep volcanic earthquakes in the previous 24 hours. An ash column 800 metres high has also been visible from the post since Tuesday night.",
                    "The regency government asked residents living within four kilometres of the crater to evacuate. Some 2,300 people from five villages are now sheltering in school buildings and village halls in the district capital.",
                    "The regional disaster management agency has prepared 40,000 masks and is delivering clean water to the evacuation sites. Officials also urged people living along the rivers to watch out for lahar floods if heavy rain falls.",
                    "Airlines serving Sultan Babullah Airport in Ternate were asked to monitor the spread of the ash. As of Wednesday afternoon, flights were operating normally because the wind was blowing to the north-west, away from the airport.",
                ),
            ),
            "zh": Version(
                title="哈马黑拉岛火山警戒级别升至三级，半径4公里内居民撤离",
                caption="周三早晨，火山灰柱从西哈马黑拉县辛达拉皮火山口升起（图：Kabar Nusantara/Hasan Ode）",
                native_term="辛达拉皮",
                paragraphs=(
                    "特尔纳特——印尼火山与地质灾害减灾中心于周三（2026年3月4日）当地时间5时，将北马鲁古省西哈马黑拉县辛达拉皮火山（Sindarapi）的警戒级别从二级提升至三级。此前一周，火山地震次数急剧增加。",
                    "辛达拉皮火山观测站站长 Ruslan Baadilla 表示，工作人员在过去24小时内记录到186次深层火山地震。自周二晚间起，从观测站还能看到高达800米的火山灰柱。",
                    "县政府要求居住在火山口四公里范围内的居民撤离。来自五个村庄的约2300名居民目前被安置在区首府的学校和村务大厅内。",
                    "地区灾害管理局准备了4万只口罩，并向安置点运送清洁饮用水。官员还提醒沿河居民，如遇暴雨须警惕火山泥流。",
                    "在特尔纳特苏丹巴布拉机场运营的航空公司被要求密切关注火山灰的扩散情况。截至周三下午，由于风向西北吹、远离机场，航班运行正常。",
                ),
            ),
            "ja": Version(
                title="ハルマヘラ島の火山、警戒レベル3に引き上げ　半径4キロの住民が避難",
                caption="水曜日朝、西ハルマヘラ県のシンダラピ山の火口から立ち上る噴煙（写真：Kabar Nusantara/Hasan Ode）",
                native_term="シンダラピ",
                paragraphs=(
                    "テルナテ発――インドネシア火山地質災害対策センターは水曜日（2026年3月4日）現地時間午前5時、北マルク州西ハルマヘラ県のシンダラピ山（Sindarapi）の警戒レベルを2から3に引き上げた。過去1週間で火山性地震の回数が急増したことを受けた措置だ。",
                    "シンダラピ山観測所の Ruslan Baadilla 所長によると、職員は直近24時間に186回の深部火山性地震を観測した。火曜日の夜からは、高さ800メートルの噴煙も観測所から確認されている。",
                    "県当局は火口から半径4キロ以内の住民に避難を呼びかけた。5つの村の約2300人が現在、郡の中心地にある学校や集会所に身を寄せている。",
                    "地域防災局はマスク4万枚を用意し、避難所へ飲料水を届けている。当局は川沿いに住む住民に対し、大雨が降った場合は火山泥流に警戒するよう呼びかけた。",
                    "テルナテのスルタン・バブッラー空港に乗り入れる航空各社には、火山灰の広がりを注視するよう要請が出された。水曜日午後の時点では、風が空港から離れる北西方向に吹いているため、航空便は通常どおり運航している。",
                ),
            ),
            "ar": Version(
                title="رفع مستوى التأهب لبركان في هالماهيرا إلى الدرجة الثالثة وإجلاء السكان في دائرة 4 كيلومترات",
                caption="عمود من الرماد يتصاعد من فوهة جبل سيندارابي في هالماهيرا الغربية صباح الأربعاء (صورة: Kabar Nusantara/Hasan Ode)",
                native_term="سيندارابي",
                paragraphs=(
                    "تيرناتي – رفع مركز علم البراكين والتخفيف من الكوارث الجيولوجية مستوى التأهب لجبل سيندارابي (Sindarapi) في مقاطعة هالماهيرا الغربية بإقليم مالوكو الشمالية من الدرجة الثانية إلى الدرجة الثالثة، في الساعة الخامسة صباحاً بالتوقيت المحلي يوم الأربعاء (4/3/2026). وجاء القرار بعد ارتفاع حاد في عدد الزلازل البركانية خلال الأسبوع الماضي.",
                    "وقال رئيس مركز رصد جبل سيندارابي، Ruslan Baadilla، إن الفنيين سجلوا 186 زلزالاً بركانياً عميقاً خلال الساعات الأربع والعشرين الماضية. كما يمكن رؤية عمود من الرماد بارتفاع 800 متر من مركز الرصد منذ مساء الثلاثاء.",
                    "وطلبت حكومة المقاطعة من السكان المقيمين ضمن دائرة نصف قطرها أربعة كيلومترات من الفوهة إخلاء منازلهم. ويقيم حالياً نحو 2300 شخص من خمس قرى في مبانٍ مدرسية وقاعات قروية في عاصمة الناحية.",
                    "وأعدت الهيئة الإقليمية لإدارة الكوارث 40 ألف كمامة، وتنقل المياه النظيفة إلى مواقع الإيواء. كما حث المسؤولون القاطنين على ضفاف الأنهار على الحذر من السيول البركانية الطينية في حال هطول أمطار غزيرة.",
                    "وطُلب من شركات الطيران العاملة في مطار السلطان بابولله في تيرناتي مراقبة انتشار الرماد. وحتى ظهر الأربعاء، كانت الرحلات تسير بشكل طبيعي لأن الرياح كانت تهب نحو الشمال الغربي بعيداً عن المطار.",
                ),
            ),
            "fr": Version(
                title="Le niveau d'alerte d'un volcan d'Halmahera relevé au niveau III, les habitants évacués dans un rayon de 4 km",
                caption="Une colonne de cendres s'élève du cratère du mont Sindarapi, à Halmahera occidental, mercredi matin (photo : Kabar Nusantara/Hasan Ode)",
                paragraphs=(
                    "TERNATE – Le Centre de volcanologie et d'atténuation des risques géologiques a relevé mercredi (4/3/2026) à 5 heures, heure locale, le niveau d'alerte du mont Sindarapi, dans le district de Halmahera occidental (Moluques du Nord), du niveau II au niveau III. Cette décision a été prise après une forte hausse du nombre de séismes volcaniques au cours de la semaine écoulée.",
                    "Le chef du poste d'observation du mont Sindarapi, Ruslan Baadilla, a indiqué que les agents avaient enregistré 186 séismes volcaniques profonds au cours des dernières 24 heures. Une colonne de cendres de 800 mètres de haut est également visible depuis le poste depuis mardi soir.",
                    "Les autorités du district ont demandé aux habitants vivant dans un rayon de quatre kilomètres autour du cratère d'évacuer. Quelque 2 300 personnes issues de cinq villages sont désormais hébergées dans des écoles et des salles communales du chef-lieu.",
                    "L'agence régionale de gestion des catastrophes a préparé 40 000 masques et achemine de l'eau potable vers les sites d'hébergement. Les responsables ont également appelé les riverains des cours d'eau à se méfier des coulées de lahar en cas de fortes pluies.",
                    "Les compagnies aériennes desservant l'aéroport Sultan Babullah de Ternate ont été invitées à surveiller la dispersion des cendres. Mercredi après-midi, les vols se déroulaient normalement car le vent soufflait vers le nord-ouest, à l'écart de l'aéroport.",
                ),
            ),
        },
    ),
    Story(
        id=103,
        slug="dua-gol-pemain-19-tahun-bawa-tuan-rumah-ke-puncak",
        section="olahraga",
        tags=("Liga 2", "Sepak Bola"),
        authors=("Fajar Nugroho",),
        published="2026-04-19T21:50:00+07:00",
        modified=None,
        terms=("Kalireksa", "Rafael Wanggai"),
        versions={
            "id": Version(
                title="Dua Gol Pemain Berusia 19 Tahun Bawa Tuan Rumah ke Puncak Klasemen Liga 2",
                caption="Rafael Wanggai merayakan gol keduanya ke gawang Perseta di Stadion Gelora Kalireksa (foto: Kabar Nusantara/Teguh Santosa)",
                paragraphs=(
                    "KALIREKSA – Persikar Kalireksa menundukkan Perseta Tanjung Lumo 3-1 dalam laga pekan ke-24 Liga 2 di Stadion Gelora Kalireksa, Minggu (19/4/2026) malam. Kemenangan itu membawa tim berjuluk Laskar Jati Emas naik ke puncak klasemen Grup Timur.",
                    "Tim tamu sempat unggul lebih dulu lewat sundulan Hendra Saputra pada menit ke-17. Persikar baru menyamakan kedudukan sesaat setelah turun minum melalui tendangan bebas kapten Danu Prasetyo.",
                    "Penyerang muda Rafael Wanggai kemudian mencetak dua gol dalam selang sembilan menit. Pemain berusia 19 tahun itu kini mengoleksi 11 gol musim ini dan memimpin daftar pencetak gol terbanyak di grupnya.",
                    "Pelatih Persikar, Agustinus Rumere, memuji kesabaran anak asuhnya yang tidak panik meski tertinggal. “Di ruang ganti kami hanya bicara soal menguasai bola dan menunggu ruang terbuka,” katanya seusai pertandingan.",
                    "Laga tersebut disaksikan sekitar 14 ribu penonton. Persikar akan bertandang ke markas pesaing terdekatnya pekan depan dengan keunggulan dua poin.",
                ),
            ),
            "en": Version(
                title="Two Goals From a 19-Year-Old Send the Hosts to the Top of the Liga 2 Table",
                caption="Rafael Wanggai celebrates his second goal against Perseta at the Gelora Kalireksa Stadium (photo: Kabar Nusantara/Teguh Santosa)",
                paragraphs=(
                    "KALIREKSA – Persikar Kalireksa beat Perseta Tanjung Lumo 3-1 in a week-24 Liga 2 match at the Gelora Kalireksa Stadium on Sunday night (19/4/2026). The win lifted the side nicknamed Laskar Jati Emas to the top of the Eastern Group standings.",
                    "The visitors took the lead through a Hendra Saputra header in the 17th minute. Persikar only drew level shortly after the break with a free kick from captain Danu Prasetyo.",
                    "Young striker Rafael Wanggai then scored twice within nine minutes. The 19-year-old now has 11 goals this season and leads the scoring chart in his group.",
                    "Persikar coach Agustinus Rumere praised his players for staying patient and not panicking despite falling behind. “In the dressing room we only talked about keeping the ball and waiting for space to open up,” he said after the match.",
                    "The game was watched by around 14,000 spectators. Persikar travel to the ground of their closest rivals next week with a two-point lead.",
                ),
            ),
            "zh": Version(
                title="19岁小将梅开二度，主队登上印尼乙级联赛积分榜榜首",
                caption="Rafael Wanggai 在卡利雷克萨格罗拉体育场庆祝攻入 Perseta 的第二球（图：Kabar Nusantara/Teguh Santosa）",
                native_term="卡利雷克萨",
                paragraphs=(
                    "卡利雷克萨——周日晚（2026年4月19日），在卡利雷克萨格罗拉体育场进行的印尼乙级联赛第24轮比赛中，Persikar Kalireksa 队以3比1战胜 Perseta Tanjung Lumo 队。这场胜利使这支绰号为“金柚木战士”的球队升至东区积分榜首位。",
                    "客队在第17分钟凭借 Hendra Saputra 的头球率先取得领先。直到下半场开始后不久，Persikar 才依靠队长 Danu Prasetyo 的任意球扳平比分。",
                    "年轻前锋 Rafael Wanggai 随后在九分钟内连进两球。这名19岁的球员本赛季已打进11球，位列小组射手榜首位。",
                    "Persikar 主教练 Agustinus Rumere 称赞球员们在落后时保持耐心、没有慌乱。他赛后说：“在更衣室里，我们只谈控球，以及等待空当出现。”",
                    "约有1.4万名观众现场观看了这场比赛。下周 Persikar 将以两分的优势客场挑战积分最接近的对手。",
                ),
            ),
            "ja": Version(
                title="19歳FWが2得点、ホームチームがリーガ2首位に浮上",
                caption="カリレクサのゲロラ・スタジアムで Perseta から2点目を奪い喜ぶ Rafael Wanggai（写真：Kabar Nusantara/Teguh Santosa）",
                native_term="カリレクサ",
                paragraphs=(
                    "カリレクサ発――インドネシア2部リーグ「リーガ2」第24節が日曜日（2026年4月19日）夜、カリレクサのゲロラ・スタジアムで行われ、Persikar Kalireksa が Perseta Tanjung Lumo を3対1で下した。この勝利で「ラスカル・ジャティ・エマス」の愛称を持つチームは東グループの首位に立った。",
                    "アウェーチームは前半17分、Hendra Saputra のヘディングで先制した。Persikar は後半開始直後、主将 Danu Prasetyo のフリーキックでようやく同点に追いついた。",
                    "その後、若手ストライカーの Rafael Wanggai が9分間で2ゴールを挙げた。19歳の同選手は今季11得点目となり、グループの得点ランキングで首位に立っている。",
                    "Persikar の Agustinus Rumere 監督は、リードを許しても慌てなかった選手たちの辛抱強さをたたえた。試合後、「ロッカールームではボールを保持し、スペースが空くのを待つことだけを話した」と語った。",
                    "試合には約1万4000人の観客が詰めかけた。Persikar は来週、勝ち点2差で追う最も近いライバルの本拠地に乗り込む。",
                ),
            ),
            "ar": Version(
                title="هدفان للاعب في التاسعة عشرة يقودان أصحاب الأرض إلى صدارة الدوري الإندونيسي الثاني",
                caption="Rafael Wanggai يحتفل بهدفه الثاني في مرمى Perseta على ملعب غيلورا كاليريكسا (صورة: Kabar Nusantara/Teguh Santosa)",
                native_term="كاليريكسا",
                paragraphs=(
                    "كاليريكسا – تغلب فريق Persikar Kalireksa على ضيفه Perseta Tanjung Lumo بنتيجة 3-1 في مباراة الأسبوع الرابع والعشرين من دوري الدرجة الثانية على ملعب غيلورا كاليريكسا مساء الأحد (19/4/2026). ورفع هذا الفوز الفريق الملقب بـ“محاربي خشب الساج الذهبي” إلى صدارة ترتيب المجموعة الشرقية.",
                    "وتقدم الفريق الضيف أولاً عبر ضربة رأسية من Hendra Saputra في الدقيقة السابعة عشرة. ولم يدرك Persikar التعادل إلا بعد وقت قصير من بداية الشوط الثاني بركلة حرة نفذها القائد Danu Prasetyo.",
                    "ثم سجل المهاجم الشاب Rafael Wanggai هدفين في غضون تسع دقائق. ورفع اللاعب البالغ من العمر 19 عاماً رصيده إلى 11 هدفاً هذا الموسم، ليتصدر قائمة الهدافين في مجموعته.",
                    "وأشاد مدرب Persikar، Agustinus Rumere، بصبر لاعبيه وعدم ارتباكهم رغم التأخر في النتيجة. وقال بعد المباراة: “في غرفة الملابس تحدثنا فقط عن الاحتفاظ بالكرة وانتظار المساحات”.",
                    "وتابع المباراة نحو 14 ألف متفرج. وسيحل Persikar الأسبوع المقبل ضيفاً على أقرب منافسيه متقدماً بفارق نقطتين.",
                ),
            ),
            "fr": Version(
                title="Deux buts d'un joueur de 19 ans propulsent l'équipe locale en tête de la Liga 2",
                caption="Rafael Wanggai célèbre son deuxième but contre le Perseta au stade Gelora Kalireksa (photo : Kabar Nusantara/Teguh Santosa)",
                paragraphs=(
                    "KALIREKSA – Le Persikar Kalireksa a battu le Perseta Tanjung Lumo 3-1 lors de la 24e journée de Liga 2, dimanche soir (19/4/2026), au stade Gelora Kalireksa. Cette victoire propulse l'équipe surnommée Laskar Jati Emas en tête du classement du groupe Est.",
                    "Les visiteurs ont ouvert le score dès la 17e minute grâce à une tête de Hendra Saputra. Le Persikar n'a égalisé que peu après la pause, sur un coup franc de son capitaine Danu Prasetyo.",
                    "Le jeune attaquant Rafael Wanggai a ensuite inscrit un doublé en l'espace de neuf minutes. À 19 ans, il compte désormais 11 buts cette saison et occupe la tête du classement des buteurs de son groupe.",
                    "L'entraîneur du Persikar, Agustinus Rumere, a salué la patience de ses joueurs, qui n'ont pas paniqué malgré le retard au score. « Dans le vestiaire, nous avons seulement parlé de garder le ballon et d'attendre que des espaces s'ouvrent », a-t-il déclaré après la rencontre.",
                    "Environ 14 000 spectateurs ont assisté au match. Le Persikar se rendra la semaine prochaine chez son plus proche poursuivant avec deux points d'avance.",
                ),
            ),
        },
    ),
    Story(
        id=104,
        slug="panen-raya-sawah-rawa-sumatera-selatan",
        section="daerah",
        tags=("Padi", "Pertanian", "Sumatera Selatan"),
        authors=("Ni Luh Sukmawati", "Bambang Wicaksono", "Siti Rahmawati"),
        published="2026-05-07T10:15:00+07:00",
        modified="2026-05-08T08:00:00+07:00",
        terms=("Lebungsari", "Marsudi Wiratama"),
        versions={
            "id": Version(
                title="Panen Raya Sawah Rawa di Sumatera Selatan Capai 6,2 Ton per Hektare",
                caption="Mesin pemanen bekerja di sawah rawa lebak Desa Lebungsari, Ogan Komering Ilir (foto: Kabar Nusantara/Rudi Kurniawan)",
                paragraphs=(
                    "KAYUAGUNG – Petani di Desa Lebungsari, Kabupaten Ogan Komering Ilir, Sumatera Selatan, memulai panen raya padi di lahan rawa lebak pada Kamis (7/5/2026). Rata-rata hasil panen tahun ini mencapai 6,2 ton gabah kering per hektare, naik dari 4,5 ton pada musim sebelumnya.",
                    "Ketua kelompok tani setempat, Marsudi Wiratama, mengatakan peningkatan itu didorong oleh penggunaan varietas padi yang tahan genangan. Selain itu, pintu air baru yang dibangun tahun lalu membuat petani bisa mengatur ketinggian air di sawah.",
                    "Luas lahan yang dipanen di desa tersebut mencapai 940 hektare. Pemerintah kabupaten mengerahkan 12 mesin pemanen gabungan untuk mempercepat panen sebelum air sungai kembali naik pada bulan Juni.",
                    "Perum Bulog setempat menyatakan siap menyerap gabah petani dengan harga Rp 6.500 per kilogram. Namun, sebagian petani memilih menjual kepada penggilingan swasta yang datang langsung ke sawah karena pembayaran dilakukan tunai.",
                    "Bupati yang hadir dalam acara panen menyebut keberhasilan itu akan dijadikan contoh bagi 11 desa rawa lainnya. Petani berharap bantuan pompa air juga ditambah agar lahan bisa ditanami dua kali setahun.",
                ),
            ),
            "en": Version(
                title="Swamp Rice Harvest in South Sumatra Reaches 6.2 Tonnes per Hectare",
                caption="A combine harvester at work in the swamp rice fields of Lebungsari village, Ogan Komering Ilir (photo: Kabar Nusantara/Rudi Kurniawan)",
                paragraphs=(
                    "KAYUAGUNG – Farmers in Lebungsari village, Ogan Komering Ilir Regency, South Sumatra, began the main rice harvest on their seasonal swamp fields on Thursday (7/5/2026). The average yield this year reached 6.2 tonnes of dry unhusked rice per hectare, up from 4.5 tonnes in the previous season.",
                    "The head of the local farmers' group, Marsudi Wiratama, said the increase was driven by the use of flood-tolerant rice varieties. In addition, new sluice gates built last year allow farmers to control the water level in the fields.",
                    "The harvested area in the village covers 940 hectares. The regency government deployed 12 combine harvesters to speed up the work before the river rises again in June.",
                    "The local branch of the state logistics agency Bulog said it was ready to buy the farmers' grain at Rp 6,500 per kilogram. However, some farmers chose to sell to private mills that come straight to the fields because they pay in cash.",
                    "The regent, who attended the harvest ceremony, said the success would serve as an example for 11 other swamp villages. Farmers hope that support in the form of water pumps will also be increased so that the land can be planted twice a year.",
                ),
            ),
            "zh": Version(
                title="南苏门答腊沼泽稻田迎来大丰收，每公顷产量达6.2吨",
                caption="联合收割机在奥甘哥美林伊利尔县勒邦萨里村的沼泽稻田作业（图：Kabar Nusantara/Rudi Kurniawan）",
                native_term="勒邦萨里",
                paragraphs=(
                    "卡尤阿贡——周四（2026年5月7日），南苏门答腊省奥甘哥美林伊利尔县勒邦萨里村（Lebungsari）的农民开始在季节性沼泽稻田上进行大规模收割。今年平均产量达到每公顷6.2吨干稻谷，高于上一季的4.5吨。",
                    "当地农民小组组长 Marsudi Wiratama 表示，产量提高得益于使用耐淹水稻品种。此外，去年新建的水闸使农民能够调节稻田中的水位。",
                    "该村的收割面积达940公顷。县政府调派了12台联合收割机，以便在六月河水再次上涨之前加快收割进度。",
                    "当地国家物流局分支机构表示，准备以每公斤6500印尼盾的价格收购农民的稻谷。不过，一些农民选择卖给直接到田间收购的私营碾米厂，因为对方以现金付款。",
                    "出席收割仪式的县长表示，这一成功经验将推广到其他11个沼泽村庄。农民们希望政府也能增加水泵援助，使土地每年可以种植两季。",
                ),
            ),
            "ja": Version(
                title="南スマトラの湿地水田で豊作　1ヘクタール当たり6.2トン",
                caption="オガン・コムリン・イリル県ルブンサリ村の湿地水田で稼働するコンバイン（写真：Kabar Nusantara/Rudi Kurniawan）",
                native_term="ルブンサリ",
                paragraphs=(
                    "カユアグン発――南スマトラ州オガン・コムリン・イリル県ルブンサリ村（Lebungsari）の農家は木曜日（2026年5月7日）、季節性の湿地水田で稲の本格的な収穫を始めた。今年の平均収量は1ヘクタール当たり乾燥もみ6.2トンに達し、前の作期の4.5トンを上回った。",
                    "地元の農家グループ代表の Marsudi Wiratama 氏は、冠水に強い稲の品種を使ったことが増収につながったと述べた。さらに、昨年新設された水門により、農家が水田の水位を調整できるようになった。",
                    "同村の収穫面積は940ヘクタールに及ぶ。県当局は6月に川の水位が再び上がる前に作業を終えるため、コンバイン12台を投入した。",
                    "国営物流公社ブログの地元支所は、農家のもみを1キロ当たり6500ルピアで買い取る用意があると表明した。ただ、一部の農家は現金で支払う民間の精米業者に直接田んぼで売ることを選んでいる。",
                    "収穫式に出席した県知事は、この成功を他の11の湿地村の手本にすると述べた。農家は、年2回の作付けができるよう、揚水ポンプの支援も増やしてほしいと期待している。",
                ),
            ),
            "ar": Version(
                title="حصاد وفير لحقول الأرز في مستنقعات جنوب سومطرة يبلغ 6.2 أطنان للهكتار",
                caption="حصادة تعمل في حقول الأرز بمستنقعات قرية ليبونغساري في أوغان كوميرينغ إيلير (صورة: Kabar Nusantara/Rudi Kurniawan)",
                native_term="ليبونغساري",
                paragraphs=(
                    "كايواغونغ – بدأ المزارعون في قرية ليبونغساري (Lebungsari) بمقاطعة أوغان كوميرينغ إيلير في إقليم سومطرة الجنوبية يوم الخميس (7/5/2026) موسم الحصاد الرئيسي للأرز في حقول المستنقعات الموسمية. وبلغ متوسط الإنتاج هذا العام 6.2 أطنان من الأرز غير المقشور الجاف للهكتار، مقارنة بـ4.5 أطنان في الموسم السابق.",
                    "وقال رئيس مجموعة المزارعين المحلية، Marsudi Wiratama، إن الزيادة تعود إلى استخدام أصناف من الأرز تتحمل الغمر بالمياه. وأضاف أن بوابات المياه الجديدة التي أُنشئت العام الماضي مكّنت المزارعين من التحكم في منسوب المياه داخل الحقول.",
                    "وتبلغ المساحة المحصودة في القرية 940 هكتاراً. ونشرت حكومة المقاطعة 12 حصادة دراسة لتسريع العمل قبل أن يرتفع منسوب النهر مجدداً في شهر يونيو.",
                    "وأعلن الفرع المحلي لهيئة اللوجستيات الحكومية استعداده لشراء محصول المزارعين بسعر 6500 روبية للكيلوغرام. غير أن بعض المزارعين فضلوا البيع لمطاحن خاصة تأتي مباشرة إلى الحقول لأنها تدفع نقداً.",
                    "وقال رئيس المقاطعة الذي حضر احتفال الحصاد إن هذا النجاح سيكون نموذجاً لإحدى عشرة قرية أخرى في المستنقعات. ويأمل المزارعون أن تزداد المساعدات على شكل مضخات مياه حتى تتمكن الأرض من إنتاج محصولين في السنة.",
                ),
            ),
            "fr": Version(
                title="Récolte record dans les rizières marécageuses de Sumatra-Sud : 6,2 tonnes à l'hectare",
                caption="Une moissonneuse-batteuse dans les rizières marécageuses du village de Lebungsari, Ogan Komering Ilir (photo : Kabar Nusantara/Rudi Kurniawan)",
                paragraphs=(
                    "KAYUAGUNG – Les agriculteurs du village de Lebungsari, dans le district d'Ogan Komering Ilir (Sumatra-Sud), ont commencé jeudi (7/5/2026) la grande récolte de riz dans leurs rizières de marais saisonniers. Le rendement moyen atteint cette année 6,2 tonnes de paddy sec par hectare, contre 4,5 tonnes lors de la saison précédente.",
                    "Le responsable du groupement agricole local, Marsudi Wiratama, explique cette hausse par l'utilisation de variétés de riz résistantes à la submersion. En outre, de nouvelles vannes construites l'an dernier permettent aux agriculteurs de réguler le niveau de l'eau dans les parcelles.",
                    "La surface récoltée dans le village atteint 940 hectares. Les autorités du district ont mobilisé 12 moissonneuses-batteuses pour accélérer les travaux avant la nouvelle crue de la rivière en juin.",
                    "L'antenne locale de l'agence publique de logistique Bulog s'est dite prête à acheter le paddy des agriculteurs à 6 500 roupies le kilogramme. Certains agriculteurs préfèrent toutefois vendre aux rizeries privées qui viennent directement dans les champs, car celles-ci paient comptant.",
                    "Le chef du district, présent lors de la cérémonie de récolte, a déclaré que cette réussite servirait d'exemple à 11 autres villages de marais. Les agriculteurs espèrent aussi davantage de pompes à eau afin de pouvoir cultiver leurs terres deux fois par an.",
                ),
            ),
        },
    ),
    Story(
        id=105,
        slug="startup-rantai-dingin-perikanan-raih-pendanaan",
        section="teknologi",
        tags=("Startup", "Perikanan", "Investasi"),
        authors=("Andreas Tumbelaka", "Nadia Putri Hasibuan"),
        published="2026-06-23T13:00:00+07:00",
        modified=None,
        terms=("Jalatani", "Nurul Ainun Syamsuddin"),
        versions={
            "id": Version(
                title="Startup Rantai Dingin Perikanan Asal Makassar Raih Pendanaan US$7 Juta",
                caption="Nelayan menimbang ikan tuna di gudang pendingin milik Jalatani di Makassar (foto: Kabar Nusantara/Ilham Basri)",
                paragraphs=(
                    "MAKASSAR – Perusahaan rintisan Jalatani, yang menghubungkan nelayan kecil dengan restoran dan pasar swalayan, memperoleh pendanaan Seri A senilai US$7 juta pada Selasa (23/6/2026). Putaran pendanaan itu dipimpin oleh Arunika Ventures dan diikuti dua investor asal Singapura.",
                    "Pendiri sekaligus CEO Jalatani, Nurul Ainun Syamsuddin, mengatakan dana segar akan dipakai untuk membangun 30 gudang pendingin bertenaga surya di pesisir Sulawesi dan Maluku. Dengan gudang itu, ikan hasil tangkapan bisa disimpan hingga lima hari tanpa penurunan mutu.",
                    "Saat ini aplikasi Jalatani digunakan oleh sekitar 9.000 nelayan. Mereka dapat melihat harga acuan harian dan menerima pembayaran langsung ke rekening dalam waktu kurang dari 24 jam setelah ikan diserahkan.",
                    "Menurut Nurul, selama ini nelayan kerap menjual ikan dengan harga murah karena tidak memiliki tempat penyimpanan. “Begitu ada pendingin, posisi tawar mereka langsung berubah,” ujarnya.",
                    "Pengamat ekonomi digital dari sebuah universitas di Makassar menilai model bisnis tersebut menjanjikan, tetapi biaya perawatan mesin pendingin di pulau-pulau kecil bisa tinggi. Ia menyarankan perusahaan menggandeng koperasi nelayan agar pengelolaan gudang lebih berkelanjutan.",
                ),
            ),
            "en": Version(
                title="Makassar Fisheries Cold-Chain Startup Raises US$7 Million",
                caption="Fishers weigh tuna at a Jalatani cold store in Makassar (photo: Kabar Nusantara/Ilham Basri)",
                paragraphs=(
                    "MAKASSAR – Jalatani, a startup that connects small-scale fishers with restaurants and supermarkets, secured US$7 million in Series A funding on Tuesday (23/6/2026). The round was led by Arunika Ventures and joined by two Singapore-based investors.",
                    "Jalatani's founder and CEO, Nurul Ainun Syamsuddin, said the fresh money will be used to build 30 solar-powered cold stores along the coasts of Sulawesi and Maluku. With these facilities, the catch can be kept for up to five days without losing quality.",
                    "The Jalatani app is currently used by around 9,000 fishers. They can check a daily reference price and receive payment directly into their bank accounts less than 24 hours after handing over their fish.",
                    "According to Nurul, fishers have long been forced to sell cheaply because they had nowhere to store their catch. “Once there is refrigeration, their bargaining position changes immediately,” she said.",
                    "A digital economy analyst at a university in Makassar said the business model is promising, but the cost of maintaining cooling machines on small islands could be high. He advised the company to team up with fishers' cooperatives so that the cold stores are run more sustainably.",
                ),
            ),
            "zh": Version(
                title="望加锡渔业冷链初创企业获得700万美元融资",
                caption="渔民在佳拉塔尼位于望加锡的冷库称量金枪鱼（图：Kabar Nusantara/Ilham Basri）",
                native_term="佳拉塔尼",
                paragraphs=(
                    "望加锡——连接小规模渔民与餐厅和超市的初创企业佳拉塔尼（Jalatani）于周二（2026年6月23日）完成700万美元的A轮融资。本轮融资由 Arunika Ventures 领投，两家新加坡投资方跟投。",
                    "佳拉塔尼创始人兼首席执行官 Nurul Ainun Syamsuddin 表示，新资金将用于在苏拉威西和马鲁古沿海建设30座太阳能冷库。有了这些冷库，渔获最多可保存五天而品质不降。",
                    "目前约有9000名渔民使用佳拉塔尼的应用程序。他们可以查看每日参考价格，并在交鱼后不到24小时内直接收到打入银行账户的货款。",
                    "Nurul 说，长期以来渔民因为没有储存场所，常常只能低价卖鱼。她说：“一旦有了冷藏设施，他们的议价地位马上就会改变。”",
                    "望加锡一所大学的数字经济分析人士认为，这种商业模式前景看好，但在小岛上维护制冷设备的成本可能很高。他建议该公司与渔民合作社合作，使冷库的管理更具可持续性。",
                ),
            ),
            "ja": Version(
                title="マカッサルの水産コールドチェーン新興企業、700万ドルを調達",
                caption="マカッサルにあるジャラタニの冷蔵倉庫でマグロの重さを量る漁業者（写真：Kabar Nusantara/Ilham Basri）",
                native_term="ジャラタニ",
                paragraphs=(
                    "マカッサル発――小規模漁業者とレストランやスーパーを結ぶスタートアップのジャラタニ（Jalatani）は火曜日（2026年6月23日）、シリーズAで700万ドルの資金調達を実施した。今回のラウンドは Arunika Ventures が主導し、シンガポールの投資家2社も参加した。",
                    "ジャラタニの創業者で最高経営責任者（CEO）の Nurul Ainun Syamsuddin 氏は、調達した資金でスラウェシ島とマルク諸島の沿岸部に太陽光発電式の冷蔵倉庫30カ所を建設すると述べた。これにより、水揚げした魚を品質を落とさずに最長5日間保管できるという。",
                    "ジャラタニのアプリは現在、約9000人の漁業者が利用している。漁業者は毎日の参考価格を確認でき、魚を引き渡してから24時間以内に代金を銀行口座で直接受け取れる。",
                    "Nurul 氏によると、漁業者は保管場所がないため、これまで魚を安値で売らざるを得ないことが多かった。「冷蔵設備ができれば、彼らの交渉力はすぐに変わる」と同氏は話した。",
                    "マカッサルの大学に所属するデジタル経済の専門家は、このビジネスモデルは有望だが、小さな島で冷却装置を維持する費用は高くなる可能性があると指摘した。同氏は、倉庫をより持続的に運営するため、漁業協同組合と提携するよう同社に助言した。",
                ),
            ),
            "ar": Version(
                title="شركة ناشئة في ماكاسار لسلاسل تبريد الأسماك تجمع 7 ملايين دولار",
                caption="صيادون يزنون أسماك التونة في مستودع تبريد تابع لشركة جالاتاني في ماكاسار (صورة: Kabar Nusantara/Ilham Basri)",
                native_term="جالاتاني",
                paragraphs=(
                    "ماكاسار – حصلت شركة جالاتاني (Jalatani) الناشئة، التي تربط صغار الصيادين بالمطاعم ومتاجر السوبرماركت، على تمويل من الفئة (أ) بقيمة 7 ملايين دولار أمريكي يوم الثلاثاء (23/6/2026). وقادت جولة التمويل شركة Arunika Ventures بمشاركة مستثمرَين من سنغافورة.",
                    "وقالت مؤسسة جالاتاني ورئيستها التنفيذية Nurul Ainun Syamsuddin إن الأموال الجديدة ستُستخدم لبناء 30 مستودع تبريد تعمل بالطاقة الشمسية على سواحل سولاويسي ومالوكو. وبفضل هذه المستودعات يمكن حفظ الأسماك المصطادة لمدة تصل إلى خمسة أيام دون أن تفقد جودتها.",
                    "ويستخدم تطبيق جالاتاني حالياً نحو 9000 صياد. ويمكنهم الاطلاع على سعر مرجعي يومي وتلقي المدفوعات مباشرة في حساباتهم المصرفية في أقل من 24 ساعة بعد تسليم الأسماك.",
                    "وبحسب Nurul، اضطر الصيادون طويلاً إلى بيع أسماكهم بأسعار زهيدة لعدم امتلاكهم أماكن للتخزين. وقالت: “بمجرد توفر التبريد تتغير قدرتهم على التفاوض على الفور”.",
                    "ورأى محلل في الاقتصاد الرقمي بإحدى جامعات ماكاسار أن نموذج العمل واعد، لكن تكلفة صيانة آلات التبريد في الجزر الصغيرة قد تكون مرتفعة. ونصح الشركة بالتعاون مع تعاونيات الصيادين لتكون إدارة المستودعات أكثر استدامة.",
                ),
            ),
            "fr": Version(
                title="Une start-up de la chaîne du froid pour la pêche, basée à Makassar, lève 7 millions de dollars",
                caption="Des pêcheurs pèsent du thon dans une chambre froide de Jalatani à Makassar (photo : Kabar Nusantara/Ilham Basri)",
                paragraphs=(
                    "MAKASSAR – Jalatani, une jeune pousse qui met en relation les petits pêcheurs avec des restaurants et des supermarchés, a levé mardi (23/6/2026) 7 millions de dollars lors d'un tour de table de série A. L'opération a été menée par Arunika Ventures, avec la participation de deux investisseurs basés à Singapour.",
                    "La fondatrice et directrice générale de Jalatani, Nurul Ainun Syamsuddin, a indiqué que ces fonds serviront à construire 30 chambres froides alimentées à l'énergie solaire sur les côtes de Sulawesi et des Moluques. Grâce à ces installations, les prises pourront être conservées jusqu'à cinq jours sans perte de qualité.",
                    "L'application Jalatani est aujourd'hui utilisée par environ 9 000 pêcheurs. Ils peuvent consulter un prix de référence quotidien et sont payés directement sur leur compte bancaire moins de 24 heures après avoir livré leur poisson.",
                    "Selon Nurul, les pêcheurs étaient jusqu'ici souvent contraints de vendre à bas prix faute de lieu de stockage. « Dès qu'il y a du froid, leur pouvoir de négociation change immédiatement », a-t-elle déclaré.",
                    "Un analyste de l'économie numérique d'une université de Makassar juge le modèle prometteur, mais estime que l'entretien des machines frigorifiques sur les petites îles pourrait coûter cher. Il conseille à l'entreprise de s'associer aux coopératives de pêcheurs afin de gérer les entrepôts de manière plus durable.",
                ),
            ),
        },
    ),
    Story(
        id=106,
        slug="kapal-feri-berlayar-empat-kali-sepekan-ke-selatan-seram",
        section="daerah",
        tags=("Transportasi Laut", "Maluku"),
        authors=("Marthen Lekatompessy",),
        published="2026-07-14T07:30:00+07:00",
        modified="2026-07-15T09:10:00+07:00",
        terms=("Meraluk", "Wellem Matakupan"),
        versions={
            "id": Version(
                title="Kapal Feri Kini Berlayar Empat Kali Sepekan ke Pulau-Pulau di Selatan Seram",
                caption="Penumpang menaiki kapal feri di Pelabuhan Tanjung Meraluk, Maluku Tengah (foto: Kabar Nusantara/Jemmy Tuhumury)",
                paragraphs=(
                    "MASOHI – Mulai Senin (20/7/2026), kapal feri dari Pelabuhan Tanjung Meraluk di Maluku Tengah akan berlayar empat kali sepekan ke gugus pulau di selatan Pulau Seram. Sebelumnya, layanan penyeberangan itu hanya beroperasi dua kali dalam seminggu.",
                    "Kepala pelabuhan, Wellem Matakupan, mengatakan kapal akan berangkat setiap Senin, Rabu, Jumat, dan Minggu pukul 08.00 WIT. Perjalanan ke pulau terjauh memakan waktu sekitar enam jam dengan dua kali singgah.",
                    "Penambahan jadwal dilakukan setelah sebuah kapal berkapasitas 300 penumpang dan 20 kendaraan selesai menjalani perbaikan di galangan. Tarif untuk penumpang dewasa tetap Rp 85 ribu, sedangkan sepeda motor dikenai Rp 140 ribu.",
                    "Warga pulau menyambut baik perubahan itu karena hasil kebun dan ikan asin kini bisa lebih cepat dikirim ke pasar di Masohi. Para guru dan tenaga kesehatan yang bertugas di pulau juga tidak lagi harus menunggu berhari-hari untuk pulang.",
                    "Meski begitu, pihak pelabuhan mengingatkan bahwa pelayaran bisa dibatalkan bila tinggi gelombang melebihi 2,5 meter. Penumpang diminta memantau pengumuman di papan informasi pelabuhan atau melalui radio setempat.",
                ),
            ),
            "en": Version(
                title="Ferries Now Sail Four Times a Week to the Islands South of Seram",
                caption="Passengers board the ferry at Tanjung Meraluk port, Central Maluku (photo: Kabar Nusantara/Jemmy Tuhumury)",
                paragraphs=(
                    "MASOHI – Starting Monday (20/7/2026), the ferry from Tanjung Meraluk port in Central Maluku will sail four times a week to the cluster of islands south of Seram Island. Until now, the crossing operated only twice a week.",
                    "The port head, Wellem Matakupan, said the ship will depart every Monday, Wednesday, Friday and Sunday at 08:00 local time. The voyage to the most distant island takes about six hours with two stops along the way.",
                    "The extra sailings were added after a vessel with room for 300 passengers and 20 vehicles finished repairs at the shipyard. The adult fare remains Rp 85,000, while motorcycles are charged Rp 140,000.",
                    "Islanders welcomed the change because crops and salted fish can now reach the market in Masohi more quickly. Teachers and health workers posted on the islands also no longer have to wait for days to go home.",
                    "Even so, the port authority warned that sailings may be cancelled if waves exceed 2.5 metres. Passengers are asked to follow announcements on the port notice board or on local radio.",
                ),
            ),
            "zh": Version(
                title="渡轮每周四班开往斯兰岛以南各岛",
                caption="乘客在马鲁古中部县梅拉卢克角港登上渡轮（图：Kabar Nusantara/Jemmy Tuhumury）",
                native_term="梅拉卢克",
                paragraphs=(
                    "马索希——自周一（2026年7月20日）起，马鲁古中部县梅拉卢克角港（Tanjung Meraluk）的渡轮将每周四次开往斯兰岛以南的群岛。此前，这条航线每周只运营两班。",
                    "港口负责人 Wellem Matakupan 表示，渡轮将在每周一、周三、周五和周日当地时间8时出发。前往最远岛屿的航程约需六个小时，途中停靠两次。",
                    "增加班次是因为一艘可容纳300名乘客和20辆车辆的船只已在船厂完成维修。成人票价仍为8.5万印尼盾，摩托车收费14万印尼盾。",
                    "岛上居民对这一变化表示欢迎，因为农产品和咸鱼现在可以更快地运往马索希的市场。在岛上工作的教师和医护人员也不必再等上好几天才能回家。",
                    "尽管如此，港口方面提醒，如果浪高超过2.5米，航班可能取消。乘客应留意港口公告栏或当地电台发布的通知。",
                ),
            ),
            "ja": Version(
                title="セラム島南方の島々へのフェリー、週4便に増便",
                caption="マルク州中部のタンジュン・ムラルク港でフェリーに乗り込む乗客（写真：Kabar Nusantara/Jemmy Tuhumury）",
                native_term="ムラルク",
                paragraphs=(
                    "マソヒ発――マルク州中部のタンジュン・ムラルク港（Tanjung Meraluk）を出るフェリーは月曜日（2026年7月20日）から、セラム島南方の島々へ週4回運航する。これまでこの航路は週2回しか運航していなかった。",
                    "港長の Wellem Matakupan 氏によると、フェリーは毎週月曜、水曜、金曜、日曜の現地時間午前8時に出発する。最も遠い島までは途中2カ所に寄港し、約6時間かかる。",
                    "増便は、乗客300人と車両20台を運べる船が造船所での修理を終えたことを受けて決まった。大人の運賃は8万5000ルピアに据え置かれ、オートバイは14万ルピアとなる。",
                    "島の住民は、農作物や塩干し魚をマソヒの市場へより早く届けられるようになると歓迎している。島に赴任している教師や医療従事者も、帰省のために何日も待つ必要がなくなった。",
                    "ただし港側は、波の高さが2.5メートルを超えた場合は欠航することがあると注意を呼びかけている。乗客は港の掲示板や地元ラジオの案内を確認するよう求められている。",
                ),
            ),
            "ar": Version(
                title="العبارات تبحر الآن أربع مرات أسبوعياً إلى الجزر الواقعة جنوب سيرام",
                caption="ركاب يصعدون إلى العبارة في ميناء تانجونغ ميرالوك بمالوكو الوسطى (صورة: Kabar Nusantara/Jemmy Tuhumury)",
                native_term="ميرالوك",
                paragraphs=(
                    "ماسوهي – اعتباراً من يوم الاثنين (20/7/2026)، ستبحر العبارة من ميناء تانجونغ ميرالوك (Tanjung Meraluk) في مالوكو الوسطى أربع مرات أسبوعياً إلى مجموعة الجزر الواقعة جنوب جزيرة سيرام. وحتى الآن كانت خدمة العبور تعمل مرتين فقط في الأسبوع.",
                    "وقال مدير الميناء Wellem Matakupan إن السفينة ستغادر كل اثنين وأربعاء وجمعة وأحد في الساعة الثامنة صباحاً بالتوقيت المحلي. وتستغرق الرحلة إلى أبعد جزيرة نحو ست ساعات مع التوقف مرتين في الطريق.",
                    "وجاءت زيادة الرحلات بعد أن أنهت سفينة تتسع لـ300 راكب و20 مركبة أعمال الإصلاح في حوض بناء السفن. ويبقى سعر تذكرة البالغين 85 ألف روبية، في حين تبلغ رسوم الدراجة النارية 140 ألف روبية.",
                    "ورحب سكان الجزر بهذا التغيير لأن المحاصيل والسمك المملح باتت تصل إلى سوق ماسوهي بسرعة أكبر. كما لم يعد المعلمون والعاملون الصحيون المنتدبون في الجزر مضطرين إلى الانتظار أياماً للعودة إلى ديارهم.",
                    "ومع ذلك، حذرت إدارة الميناء من أن الرحلات قد تُلغى إذا تجاوز ارتفاع الأمواج 2.5 متر. ويُطلب من الركاب متابعة الإعلانات على لوحة معلومات الميناء أو عبر الإذاعة المحلية.",
                ),
            ),
            "fr": Version(
                title="Les ferries desservent désormais quatre fois par semaine les îles au sud de Seram",
                caption="Des passagers embarquent sur le ferry au port de Tanjung Meraluk, Moluques centrales (photo : Kabar Nusantara/Jemmy Tuhumury)",
                paragraphs=(
                    "MASOHI – À partir de lundi (20/7/2026), le ferry au départ du port de Tanjung Meraluk, dans les Moluques centrales, desservira quatre fois par semaine l'archipel situé au sud de l'île de Seram. Jusqu'à présent, la traversée n'était assurée que deux fois par semaine.",
                    "Le chef du port, Wellem Matakupan, a précisé que le navire partira chaque lundi, mercredi, vendredi et dimanche à 8 heures, heure locale. Le trajet jusqu'à l'île la plus éloignée dure environ six heures, avec deux escales.",
                    "Ces rotations supplémentaires ont été ajoutées après qu'un navire pouvant transporter 300 passagers et 20 véhicules a achevé ses réparations au chantier naval. Le billet adulte reste à 85 000 roupies, tandis que les motos sont facturées 140 000 roupies.",
                    "Les insulaires se réjouissent de ce changement, car les récoltes et le poisson salé peuvent désormais rejoindre plus vite le marché de Masohi. Les enseignants et les soignants affectés dans les îles n'ont plus à attendre des jours pour rentrer chez eux.",
                    "Le port rappelle toutefois que les traversées peuvent être annulées si les vagues dépassent 2,5 mètres. Les passagers sont invités à suivre les annonces affichées au port ou diffusées par la radio locale.",
                ),
            ),
        },
    ),
    Story(
        id=107,
        slug="museum-kain-tradisional-dibuka-di-yogyakarta",
        section="budaya",
        tags=("Museum", "Wastra", "Yogyakarta"),
        authors=("Larasati Wulandari",),
        published="2026-08-29T16:40:00+07:00",
        modified=None,
        terms=("Bayuraksa", "Pramesti Kusumaningrum"),
        versions={
            "id": Version(
                title="Museum Kain Tradisional Dibuka di Yogyakarta, Pamerkan 600 Lembar Wastra",
                caption="Pengunjung mengamati koleksi tenun ikat di Museum Wastra Bayuraksa, Kotagede (foto: Kabar Nusantara/Bayu Aji)",
                paragraphs=(
                    "YOGYAKARTA – Museum Wastra Bayuraksa resmi dibuka untuk umum pada Sabtu (29/8/2026) di sebuah rumah joglo tua di kawasan Kotagede. Museum itu menyimpan sekitar 600 lembar kain tradisional dari 24 provinsi, mulai dari songket Palembang hingga tenun ikat Sumba.",
                    "Kurator museum, Pramesti Kusumaningrum, mengatakan sebagian besar koleksi berasal dari hibah keluarga seorang pedagang kain yang mengumpulkannya sejak 1970-an. Tim konservasi membutuhkan hampir dua tahun untuk membersihkan dan mendata setiap lembar kain.",
                    "Pengunjung dapat melihat proses pewarnaan alami dengan daun indigo dan kulit kayu mahoni di halaman belakang museum. Setiap akhir pekan, perajin dari berbagai daerah juga diundang untuk memperagakan teknik menenun.",
                    "Tiket masuk dipatok Rp 25 ribu untuk dewasa dan Rp 10 ribu untuk pelajar. Museum buka setiap hari kecuali Senin, pukul 09.00 hingga 17.00 WIB.",
                    "Pramesti berharap museum itu menjadi ruang belajar bagi generasi muda. “Kain-kain ini menyimpan cerita tentang perdagangan, kepercayaan, dan kehidupan sehari-hari masyarakat kita,” katanya.",
                ),
            ),
            "en": Version(
                title="Traditional Textile Museum Opens in Yogyakarta With 600 Pieces of Cloth",
                caption="Visitors look at the ikat collection at the Bayuraksa Textile Museum, Kotagede (photo: Kabar Nusantara/Bayu Aji)",
                paragraphs=(
                    "YOGYAKARTA – The Bayuraksa Textile Museum officially opened to the public on Saturday (29/8/2026) in an old joglo house in the Kotagede area. The museum holds some 600 pieces of traditional cloth from 24 provinces, ranging from Palembang songket to Sumba ikat weaving.",
                    "The museum's curator, Pramesti Kusumaningrum, said most of the collection came as a donation from the family of a cloth trader who had been gathering the pieces since the 1970s. The conservation team needed almost two years to clean and catalogue every piece.",
                    "Visitors can watch natural dyeing with indigo leaves and mahogany bark in the museum's back yard. Every weekend, artisans from different regions are also invited to demonstrate weaving techniques.",
                    "Admission costs Rp 25,000 for adults and Rp 10,000 for students. The museum is open every day except Monday, from 09:00 to 17:00 Western Indonesia Time.",
                    "Pramesti hopes the museum will become a place of learning for young people. “These cloths hold stories about trade, belief and the everyday life of our communities,” she said.",
                ),
            ),
            "zh": Version(
                title="日惹传统织物博物馆开馆，展出600件织品",
                caption="参观者在哥打格德的巴尤拉克萨织物博物馆观赏伊卡织布藏品（图：Kabar Nusantara/Bayu Aji）",
                native_term="巴尤拉克萨",
                paragraphs=(
                    "日惹——巴尤拉克萨织物博物馆（Museum Wastra Bayuraksa）于周六（2026年8月29日）在哥打格德地区一座古老的爪哇传统木屋中正式向公众开放。博物馆收藏了来自24个省份的约600件传统织物，从巨港的宋吉锦到松巴岛的伊卡织布应有尽有。",
                    "博物馆策展人 Pramesti Kusumaningrum 表示，大部分藏品来自一位布商家族的捐赠，这位布商自20世纪70年代起便开始收集织物。保护团队花了将近两年时间清洁并登记每一件织物。",
                    "参观者可以在博物馆后院观看用蓝靛叶和桃花心木树皮进行的天然染色过程。每逢周末，博物馆还会邀请各地工匠现场展示织布技艺。",
                    "成人门票为2.5万印尼盾，学生票为1万印尼盾。博物馆除周一外每天开放，开放时间为印尼西部时间9时至17时。",
                    "Pramesti 希望博物馆能成为年轻一代的学习场所。她说：“这些布料承载着关于贸易、信仰以及我们社会日常生活的故事。”",
                ),
            ),
            "ja": Version(
                title="ジョグジャカルタに伝統織物博物館が開館　600点の布を展示",
                caption="コタグデのバユラクサ織物博物館でイカット織りの収蔵品を見る来館者（写真：Kabar Nusantara/Bayu Aji）",
                native_term="バユラクサ",
                paragraphs=(
                    "ジョグジャカルタ発――バユラクサ織物博物館（Museum Wastra Bayuraksa）が土曜日（2026年8月29日）、コタグデ地区にある古いジョグロ様式の家屋で一般公開された。同館はパレンバンのソンケットからスンバ島のイカット織りまで、24州の伝統的な布約600点を所蔵している。",
                    "学芸員の Pramesti Kusumaningrum 氏によると、収蔵品の大半は1970年代から布を集めてきた布商人の家族から寄贈されたものだという。保存修復チームはすべての布の洗浄と目録作成に2年近くを費やした。",
                    "来館者は博物館の裏庭で、藍の葉やマホガニーの樹皮を使った天然染色の工程を見学できる。週末には各地の職人も招かれ、機織りの技を実演する。",
                    "入館料は大人2万5000ルピア、学生1万ルピア。開館時間は西部インドネシア時間の午前9時から午後5時までで、月曜日は休館となる。",
                    "Pramesti 氏は、博物館が若い世代の学びの場になることを願っている。「これらの布には、交易や信仰、そして私たちの社会の日々の暮らしにまつわる物語が込められている」と語った。",
                ),
            ),
            "ar": Version(
                title="افتتاح متحف للمنسوجات التقليدية في يوغياكارتا يضم 600 قطعة قماش",
                caption="زوار يتأملون مجموعة نسيج الإيكات في متحف بايوراكسا للمنسوجات في كوتاغيدي (صورة: Kabar Nusantara/Bayu Aji)",
                native_term="بايوراكسا",
                paragraphs=(
                    "يوغياكارتا – افتُتح متحف بايوراكسا للمنسوجات (Museum Wastra Bayuraksa) رسمياً أمام الجمهور يوم السبت (29/8/2026) في منزل قديم على الطراز الجاوي التقليدي في حي كوتاغيدي. ويضم المتحف نحو 600 قطعة من الأقمشة التقليدية من 24 إقليماً، من قماش السونغكيت في باليمبانغ إلى نسيج الإيكات في جزيرة سومبا.",
                    "وقالت أمينة المتحف Pramesti Kusumaningrum إن معظم المقتنيات جاءت هبة من عائلة تاجر أقمشة ظل يجمعها منذ سبعينيات القرن الماضي. واحتاج فريق الترميم إلى نحو عامين لتنظيف كل قطعة وتوثيقها.",
                    "ويمكن للزوار مشاهدة عملية الصباغة الطبيعية بأوراق النيلة ولحاء شجر الماهوغني في الفناء الخلفي للمتحف. وفي كل عطلة نهاية أسبوع، يُدعى حرفيون من مناطق مختلفة لعرض تقنيات النسيج.",
                    "ويبلغ سعر تذكرة الدخول 25 ألف روبية للبالغين و10 آلاف روبية للطلاب. ويفتح المتحف أبوابه يومياً باستثناء يوم الاثنين، من التاسعة صباحاً حتى الخامسة مساءً بتوقيت غرب إندونيسيا.",
                    "وتأمل Pramesti أن يصبح المتحف مكاناً للتعلم للأجيال الشابة. وقالت: “تحمل هذه الأقمشة حكايات عن التجارة والمعتقدات والحياة اليومية لمجتمعاتنا”.",
                ),
            ),
            "fr": Version(
                title="Un musée des textiles traditionnels ouvre à Yogyakarta avec 600 pièces d'étoffe",
                caption="Des visiteurs découvrent la collection d'ikat du musée des textiles Bayuraksa, à Kotagede (photo : Kabar Nusantara/Bayu Aji)",
                paragraphs=(
                    "YOGYAKARTA – Le musée des textiles Bayuraksa a officiellement ouvert ses portes au public samedi (29/8/2026), dans une ancienne maison joglo du quartier de Kotagede. Il conserve quelque 600 pièces d'étoffes traditionnelles provenant de 24 provinces, du songket de Palembang aux tissages ikat de Sumba.",
                    "La conservatrice du musée, Pramesti Kusumaningrum, a expliqué que la majeure partie de la collection provient d'un don de la famille d'un marchand de tissus qui les rassemblait depuis les années 1970. L'équipe de conservation a eu besoin de près de deux ans pour nettoyer et inventorier chaque pièce.",
                    "Les visiteurs peuvent assister, dans la cour arrière, à la teinture naturelle à base de feuilles d'indigo et d'écorce d'acajou. Chaque week-end, des artisans de différentes régions sont également invités à faire la démonstration de leurs techniques de tissage.",
                    "L'entrée coûte 25 000 roupies pour les adultes et 10 000 roupies pour les étudiants. Le musée est ouvert tous les jours sauf le lundi, de 9 heures à 17 heures, heure de l'ouest de l'Indonésie.",
                    "Pramesti espère que le musée deviendra un lieu d'apprentissage pour les jeunes générations. « Ces étoffes racontent des histoires de commerce, de croyances et de la vie quotidienne de nos communautés », a-t-elle déclaré.",
                ),
            ),
        },
    ),
    Story(
        id=108,
        slug="ribuan-warga-terdampak-banjir-di-garut",
        section="peristiwa",
        tags=("Banjir", "Relawan", "Jawa Barat", "Mitigasi Bencana"),
        authors=("Irfan Hakim Siregar", "Yuliana Bato"),
        published="2026-10-02T05:55:00+07:00",
        modified="2026-10-02T19:30:00+07:00",
        terms=("Cikarenda", "Euis Nurjanah"),
        versions={
            "id": Version(
                title="Ribuan Warga Terdampak Banjir di Garut, Relawan Dirikan Dapur Umum",
                caption="Relawan membagikan makanan di dapur umum dekat bantaran Sungai Cikarenda, Garut (foto: Kabar Nusantara/Dadan Hermawan)",
                paragraphs=(
                    "GARUT – Sungai Cikarenda meluap setelah hujan deras mengguyur wilayah hulu sejak Kamis malam, merendam ratusan rumah di tiga kecamatan di Kabupaten Garut, Jawa Barat, pada Jumat (2/10/2026). Ketinggian air di sejumlah permukiman mencapai 1,5 meter.",
                    "Badan Penanggulangan Bencana Daerah mencatat sekitar 3.400 warga terdampak dan 620 di antaranya mengungsi ke masjid serta gedung olahraga. Tidak ada korban jiwa, tetapi dua warga lanjut usia dirawat karena hipotermia.",
                    "Relawan dari berbagai organisasi mendirikan empat dapur umum yang mampu menyiapkan 5.000 porsi makanan per hari. Koordinator relawan, Euis Nurjanah, mengatakan kebutuhan paling mendesak saat ini adalah selimut, pakaian anak, dan popok bayi.",
                    "Petugas gabungan menggunakan perahu karet untuk menjemput warga yang masih bertahan di lantai dua rumah mereka. Listrik di kawasan terdampak dipadamkan sementara untuk mencegah korsleting.",
                    "Hingga Jumat petang, air mulai surut di sebagian wilayah dan warga mulai membersihkan lumpur. Pemerintah kabupaten menetapkan status tanggap darurat selama 14 hari dan membuka posko pengaduan bagi warga yang kehilangan dokumen penting.",
                    "Warga yang ingin menyalurkan bantuan diminta berkoordinasi dengan posko utama di kantor kecamatan. Relawan menyebut bantuan berupa uang tunai lebih mudah disalurkan daripada barang karena akses jalan ke sejumlah desa masih terputus.",
                ),
            ),
            "en": Version(
                title="Thousands Affected by Floods in Garut as Volunteers Set Up Community Kitchens",
                caption="Volunteers hand out food at a community kitchen near the banks of the Cikarenda River, Garut (photo: Kabar Nusantara/Dadan Hermawan)",
                paragraphs=(
                    "GARUT – The Cikarenda River burst its banks after heavy rain fell on its upper reaches from Thursday night, flooding hundreds of homes in three districts of Garut Regency, West Java, on Friday (2/10/2026). The water reached 1.5 metres in several neighbourhoods.",
                    "The regional disaster management agency recorded around 3,400 affected residents, 620 of whom took shelter in mosques and a sports hall. No one was killed, but two elderly residents were treated for hypothermia.",
                    "Volunteers from various organisations set up four community kitchens able to prepare 5,000 meals a day. The volunteer coordinator, Euis Nurjanah, said the most urgent needs now are blankets, children's clothes and nappies.",
                    "Joint rescue teams used rubber boats to pick up residents who were still staying on the upper floors of their homes. Electricity in the affected area was temporarily cut to prevent short circuits.",
                    "By Friday evening the water had begun to recede in parts of the area and residents started clearing away the mud. The regency government declared a 14-day emergency response period and opened a help desk for residents who lost important documents.",
                    "People wishing to send aid are asked to coordinate with the main post at the district office. Volunteers said cash donations are easier to distribute than goods because road access to several villages is still cut off.",
                ),
            ),
            "zh": Version(
                title="加鲁特洪灾致数千人受灾，志愿者设立公共厨房",
                caption="志愿者在加鲁特奇卡伦达河岸附近的公共厨房分发食物（图：Kabar Nusantara/Dadan Hermawan）",
                native_term="奇卡伦达",
                paragraphs=(
                    "加鲁特——自周四晚起上游地区持续降下大雨，奇卡伦达河（Cikarenda）河水漫溢，周五（2026年10月2日）淹没了西爪哇省加鲁特县三个区的数百所房屋。部分居民区的水深达到1.5米。",
                    "地区灾害管理局统计，约3400名居民受灾，其中620人到清真寺和体育馆避难。灾害未造成人员死亡，但有两名老人因体温过低接受治疗。",
                    "来自多个组织的志愿者设立了四个公共厨房，每天可准备5000份餐食。志愿者协调人 Euis Nurjanah 表示，目前最急需的物资是毛毯、儿童衣物和婴儿尿布。",
                    "联合救援人员使用橡皮艇接走仍留在自家二楼的居民。受灾地区已暂时停电，以防发生短路。",
                    "截至周五傍晚，部分地区的洪水开始消退，居民开始清理淤泥。县政府宣布进入为期14天的紧急应对状态，并为丢失重要证件的居民开设了求助服务点。",
                    "希望提供援助的民众被要求与设在区政府办公室的主救援站联系。志愿者表示，由于通往部分村庄的道路仍然中断，现金捐助比物资更容易分发。",
                ),
            ),
            "ja": Version(
                title="ガルットで洪水、数千人が被災　ボランティアが炊き出し拠点を設置",
                caption="ガルットのチカレンダ川岸近くの炊き出し拠点で食事を配るボランティア（写真：Kabar Nusantara/Dadan Hermawan）",
                native_term="チカレンダ",
                paragraphs=(
                    "ガルット発――木曜日の夜から上流域で激しい雨が降り続いた影響で、チカレンダ川（Cikarenda）が氾濫し、金曜日（2026年10月2日）、西ジャワ州ガルット県の3つの郡で数百棟の住宅が浸水した。一部の住宅地では水位が1.5メートルに達した。",
                    "地域防災局によると、約3400人が被災し、このうち620人がモスクや体育館に避難した。死者はいないが、高齢の住民2人が低体温症で手当てを受けた。",
                    "さまざまな団体のボランティアが、1日5000食を用意できる炊き出し拠点を4カ所に設けた。ボランティアのまとめ役を務める Euis Nurjanah さんは、今最も必要なのは毛布、子ども服、紙おむつだと話した。",
                    "合同救助隊はゴムボートを使い、自宅の2階にとどまっていた住民を救出した。被災地域では漏電を防ぐため、一時的に送電が停止された。",
                    "金曜日の夕方までに一部地域では水が引き始め、住民は泥のかき出しを始めた。県当局は14日間の緊急対応期間を宣言し、重要書類をなくした住民のための相談窓口を開設した。",
                    "支援物資を送りたい人は、郡役所に置かれた本部の救援拠点と調整するよう求められている。ボランティアによると、一部の村へ通じる道路がまだ寸断されているため、物資よりも現金の寄付の方が届けやすいという。",
                ),
            ),
            "ar": Version(
                title="آلاف المتضررين من الفيضانات في غاروت ومتطوعون يقيمون مطابخ جماعية",
                caption="متطوعون يوزعون الطعام في مطبخ جماعي قرب ضفة نهر تشيكاريندا في غاروت (صورة: Kabar Nusantara/Dadan Hermawan)",
                native_term="تشيكاريندا",
                paragraphs=(
                    "غاروت – فاض نهر تشيكاريندا (Cikarenda) بعد أمطار غزيرة هطلت على منابعه منذ مساء الخميس، فغمرت المياه مئات المنازل في ثلاث نواحٍ بمقاطعة غاروت في إقليم جاوة الغربية يوم الجمعة (2/10/2026). ووصل ارتفاع المياه في عدد من الأحياء السكنية إلى متر ونصف.",
                    "وأحصت الهيئة الإقليمية لإدارة الكوارث نحو 3400 متضرر، لجأ 620 منهم إلى المساجد وصالة رياضية. ولم تقع وفيات، لكن اثنين من كبار السن تلقيا العلاج من انخفاض حرارة الجسم.",
                    "وأقام متطوعون من منظمات مختلفة أربعة مطابخ جماعية قادرة على إعداد 5000 وجبة يومياً. وقالت منسقة المتطوعين Euis Nurjanah إن أكثر الاحتياجات إلحاحاً حالياً هي البطانيات وملابس الأطفال وحفاضات الرضع.",
                    "واستخدمت فرق الإنقاذ المشتركة قوارب مطاطية لنقل السكان الذين ظلوا في الطوابق العليا من منازلهم. وقُطعت الكهرباء مؤقتاً عن المنطقة المتضررة لتفادي حدوث تماس كهربائي.",
                    "وبحلول مساء الجمعة بدأت المياه تنحسر في أجزاء من المنطقة، وشرع السكان في إزالة الطين. وأعلنت حكومة المقاطعة حالة الاستجابة الطارئة لمدة 14 يوماً، وفتحت مكتباً لمساعدة السكان الذين فقدوا وثائق مهمة.",
                    "ويُطلب ممن يرغبون في تقديم المساعدة التنسيق مع المركز الرئيسي في مكتب الناحية. ويقول المتطوعون إن التبرعات النقدية أسهل توزيعاً من المواد العينية لأن الطرق المؤدية إلى عدد من القرى لا تزال مقطوعة.",
                ),
            ),
            "fr": Version(
                title="Des milliers de sinistrés après les inondations à Garut, des bénévoles ouvrent des cuisines collectives",
                caption="Des bénévoles distribuent des repas dans une cuisine collective près des berges de la rivière Cikarenda, à Garut (photo : Kabar Nusantara/Dadan Hermawan)",
                paragraphs=(
                    "GARUT – La rivière Cikarenda est sortie de son lit après de fortes pluies tombées sur son cours supérieur depuis jeudi soir, inondant vendredi (2/10/2026) des centaines de maisons dans trois sous-districts du district de Garut, dans l'ouest de Java. L'eau a atteint 1,5 mètre dans plusieurs quartiers.",
                    "L'agence régionale de gestion des catastrophes a recensé environ 3 400 sinistrés, dont 620 se sont réfugiés dans des mosquées et un gymnase. Aucun décès n'est à déplorer, mais deux personnes âgées ont été soignées pour hypothermie.",
                    "Des bénévoles de diverses organisations ont installé quatre cuisines collectives capables de préparer 5 000 repas par jour. La coordinatrice des bénévoles, Euis Nurjanah, a indiqué que les besoins les plus urgents sont actuellement les couvertures, les vêtements pour enfants et les couches pour bébés.",
                    "Les équipes de secours conjointes ont utilisé des canots pneumatiques pour évacuer les habitants restés à l'étage de leur maison. L'électricité a été coupée temporairement dans la zone touchée afin d'éviter les courts-circuits.",
                    "Vendredi en fin de journée, l'eau commençait à se retirer dans une partie de la zone et les habitants ont entrepris de déblayer la boue. Les autorités du district ont décrété une période d'intervention d'urgence de 14 jours et ouvert un bureau d'assistance pour les habitants ayant perdu des documents importants.",
                    "Les personnes souhaitant apporter leur aide sont priées de se coordonner avec le poste principal installé au bureau du sous-district. Selon les bénévoles, les dons en espèces sont plus faciles à distribuer que les biens matériels, car l'accès routier à plusieurs villages reste coupé.",
                ),
            ),
        },
    ),
)

STORIES_BY_ID: dict[int, Story] = {story.id: story for story in STORIES}
