#!/usr/bin/env python3
"""Build names.json from hand-written marked-up sentences.

Markup in the Chinese text:
  [文字|kind|English form]   person name (kind: translit/chinese/penname/japanese/address)
  {文字|kind}                place or organisation (kind: place/org)
Offsets are computed from the text with markup removed, so they cannot drift.
All sentences were written from scratch for Duìzhào (2026).
"""

# ruff: noqa: E501  (the sentences are data, one pair to a line)
import json
import pathlib
import re

SENTS = [
    # ---- transliterated names, with and without middle dot ----
    (
        "{美国广播公司|org}记者[玛莎|translit|Martha]·[拉德达茨|translit|Raddatz]周日在{华盛顿|place}采访了退役将军[马克|translit|Mark]·[米利|translit|Milley]。",
        "ABC News correspondent Martha Raddatz interviewed retired General Mark Milley in Washington on Sunday.",
    ),
    (
        "[米利|translit|Milley]表示不会再就此事发表评论，[拉德达茨|translit|Raddatz]随后请另一位嘉宾、前外交官[詹姆斯|translit|James]·[霍尔|translit|Hall]谈谈看法。",
        "Milley said he would make no further comment on the matter, and Raddatz then asked another guest, former diplomat James Hall, for his view.",
    ),
    (
        "{乌克兰|place}总统[泽连斯基|translit|Zelensky]周三抵达{伦敦|place}，随后前往{巴黎|place}会见{法国|place}总统[马克龙|translit|Macron]。",
        "Ukrainian President Zelensky arrived in London on Wednesday before heading to Paris to meet French President Macron.",
    ),
    (
        "[泽连斯基|translit|Zelensky]在视频讲话中感谢[马克龙|translit|Macron]的支持，[马克龙|translit|Macron]则表示{法国|place}会继续站在{乌克兰|place}一边。",
        "In a video address, Zelensky thanked Macron for his support, and Macron said France would continue to stand with Ukraine.",
    ),
    (
        "主教练[安德森|translit|Anderson]赛后说，前锋[奥卡福|translit|Okafor]下周就能复出，[诺瓦克|translit|Novak]则还需要休息一个月。",
        "Head coach Anderson said after the match that striker Okafor would be back next week, while Novak needs another month of rest.",
    ),
    (
        "[艾玛|translit|Emma]和[安娜|translit|Anna]是大学室友，毕业后和[丽莎|translit|Lisa]一起在{纽约|place}开了一家咖啡馆。",
        "Emma and Anna were college roommates, and after graduating they opened a café in New York with Lisa.",
    ),
    (
        "[丽莎|translit|Lisa]出国前把钥匙交给了邻居[贝克|translit|Beck]先生，请他和儿子[杰克|translit|Jack]帮忙浇花。",
        "Before going abroad, Lisa gave her keys to her neighbor Mr. Beck and asked him and his son Jack to water the plants.",
    ),
    (
        "[卡尔|translit|Karl]·[弗里德里希|translit|Friedrich]教授在{柏林|place}的讲座吸引了三百多名听众，[罗斯|translit|Ross]也专程赶来了。",
        "Professor Karl Friedrich's lecture in Berlin drew more than three hundred listeners, and Ross made a special trip to attend.",
    ),
    (
        "[罗斯|translit|Ross]和[杰克|translit|Jack]昨天去爬山，一直到晚上才回到营地，[克里斯蒂娜|translit|Christina]急得差点报警。",
        "Ross and Jack went hiking yesterday and didn't get back to camp until evening; Christina was so worried she nearly called the police.",
    ),
    (
        "据[莫里斯|translit|Morris]介绍，新工厂明年春天投产，届时[索菲亚|translit|Sofia]将担任厂长，[佩德罗|translit|Pedro]负责销售。",
        "According to Morris, the new factory will start production next spring, with Sofia serving as plant manager and Pedro in charge of sales.",
    ),
    (
        "[亚历山大|translit|Alexander]和妻子[娜塔莎|translit|Natasha]从{符拉迪沃斯托克|place}坐火车到{莫斯科|place}，一路上花了整整七天。",
        "Alexander and his wife Natasha took the train from Vladivostok to Moscow, a journey of seven full days.",
    ),
    (
        "{联合国|org}发言人[克劳迪娅|translit|Claudia]·[罗西|translit|Rossi]周五在{纽约|place}表示，第一批援助物资已经运抵，她的同事[马库斯|translit|Marcus]·[李|translit|Lee]将于下周前往当地。",
        "UN spokesperson Claudia Rossi said in New York on Friday that the first batch of aid supplies had arrived and that her colleague Marcus Lee would travel to the area next week.",
    ),
    (
        "[杰克|translit|Jack]·[莫里斯|translit|Morris]和[索菲亚|translit|Sophia]·[贝克|translit|Baker]下个月将在{伦敦|place}举行婚礼。",
        "Jack Morris and Sophia Baker will hold their wedding in London next month.",
    ),
    (
        "[佩德罗|translit|Pedro]·[阿尔瓦雷斯|translit|Álvarez]从{马德里|place}打来电话，说他的航班延误了，[安娜|translit|Anna]和[玛丽亚|translit|Maria]只好先去酒店。",
        "Pedro Álvarez called from Madrid to say his flight had been delayed, so Anna and Maria had to go to the hotel on their own first.",
    ),
    (
        "[弗里德里希|translit|Friedrich]把车停在路边，帮[诺瓦克|translit|Novak]太太和她的女儿[艾玛|translit|Emma]把几袋大米搬上了楼。",
        "Friedrich pulled over and helped Mrs. Novak and her daughter Emma carry several sacks of rice upstairs.",
    ),
    (
        "据{美联社|org}报道，[奥卡福|translit|Okafor]博士和同事[恩旺科|translit|Nwankwo]带领的团队在{尼日利亚|place}南部发现了一种新的蛙类。",
        "According to the Associated Press, a team led by Dr. Okafor and his colleague Nwankwo discovered a new species of frog in southern Nigeria.",
    ),
    (
        "新校长[艾玛|translit|Emma]·[克拉克|translit|Clarke]在开学典礼上鼓励学生多读书，副校长[尼克|translit|Nick]·[罗斯|translit|Rose]也讲了话。",
        "The new principal, Emma Clarke, encouraged students to read more at the opening ceremony, and vice principal Nick Rose also spoke.",
    ),
    (
        "[丽莎|translit|Lisa]和丈夫[马丁|translit|Martin]去年夏天在{丽江|place}住了一个月，房东[老杨|address|Lao Yang]每天都给他们做早饭。",
        "Lisa and her husband Martin spent a month in Lijiang last summer, and their landlord Lao Yang made them breakfast every day.",
    ),
    (
        "[米勒|translit|Miller]点了一碗米饭和一份麻婆豆腐，他的同事[拉达茨|translit|Radatz]只要了一杯茶。",
        "Miller ordered a bowl of rice and a serving of mapo tofu, while his colleague Radatz just had a cup of tea.",
    ),
    # ---- Chinese (and Sino-Korean) names ----
    (
        "记者[陈晓|chinese|Chen Xiao]从{北京|place}报道：农民[王建国|chinese|Wang Jianguo]和妻子[赵秀英|chinese|Zhao Xiuying]说，今年的粮食收成比去年好。",
        "Chen Xiao reports from Beijing: farmer Wang Jianguo and his wife Zhao Xiuying say this year's grain harvest is better than last year's.",
    ),
    (
        "[李娜|chinese|Li Na]和[张伟|chinese|Zhang Wei]在同一家医院工作，[刘洋|chinese|Liu Yang]是他们的老同事。",
        "Li Na and Zhang Wei work at the same hospital, and Liu Yang is a longtime colleague of theirs.",
    ),
    (
        "教练[王刚|chinese|Wang Gang]赛后表示，[高峰|chinese|Gao Feng]今天发挥得非常出色，[林立|chinese|Lin Li]的防守也很稳。",
        "Coach Wang Gang said after the game that Gao Feng had played brilliantly today and that Lin Li's defense had been solid.",
    ),
    (
        "[周一鸣|chinese|Zhou Yiming]说他小时候最爱读[金庸|penname|Jin Yong]的武侠小说，尤其是写[黄蓉|chinese|Huang Rong]和[郭靖|chinese|Guo Jing]的那几章。",
        "Zhou Yiming said that as a child he loved Jin Yong's martial arts novels, especially the chapters about Huang Rong and Guo Jing.",
    ),
    (
        "[欧阳明|chinese|Ouyang Ming]医生建议[万里|chinese|Wan Li]多喝水、少熬夜，[万里|chinese|Wan Li]笑着答应了。",
        "Dr. Ouyang Ming advised Wan Li to drink more water and stop staying up late, and Wan Li promised with a smile to do so.",
    ),
    (
        "历史课上，[王丽|chinese|Wang Li]老师给同学们讲了[司马光|chinese|Sima Guang]砸缸和[孔融|chinese|Kong Rong]让梨的故事。",
        "In history class, teacher Wang Li told the students the stories of Sima Guang smashing the water vat and Kong Rong giving up the bigger pears.",
    ),
    (
        "{朝鲜|place}领导人[金正恩|chinese|Kim Jong-un]周二视察了一家化肥厂，并对工人们表示感谢。",
        "North Korean leader Kim Jong-un inspected a fertilizer plant on Tuesday and thanked the workers.",
    ),
    (
        "{韩国|place}演员[朴智恩|chinese|Park Ji-eun]在{首尔|place}举行新片发布会，导演[李成浩|chinese|Lee Sung-ho]和编剧[崔秀美|chinese|Choi Soo-mi]也到场了。",
        "South Korean actress Park Ji-eun held a press event for her new film in Seoul, attended also by director Lee Sung-ho and screenwriter Choi Soo-mi.",
    ),
    (
        "[陈晓|chinese|Chen Xiao]告诉王老师，她明天要去{杭州|place}出差，周五才回来，会议由[刘洋|chinese|Liu Yang]和[赵磊|chinese|Zhao Lei]主持。",
        "Chen Xiao told Ms. Wang that she was going to Hangzhou on a business trip tomorrow and wouldn't be back until Friday, so Liu Yang and Zhao Lei would chair the meeting.",
    ),
    (
        "[李建华|chinese|Li Jianhua]经理、[刘芳|chinese|Liu Fang]医生和[林立|chinese|Lin Li]律师是高中同学，毕业三十年后又在{成都|place}重逢。",
        "Manager Li Jianhua, Dr. Liu Fang and lawyer Lin Li were high school classmates, and they met again in Chengdu thirty years after graduating.",
    ),
    (
        "记者 [陈晓|chinese|Chen Xiao]报道：{广州|place}今天最高气温达到三十八度，首席预报员[郑凯|chinese|Zheng Kai]提醒市民注意防暑。",
        "Chen Xiao reports: Guangzhou's high today reached 38 degrees Celsius, and chief forecaster Zheng Kai reminded residents to guard against heatstroke.",
    ),
    (
        "本报记者 [张敏|chinese|Zhang Min] 通讯员 [黄海|chinese|Huang Hai]：{深圳|place}一条新的地铁线路昨日正式开通，市民[吴佳|chinese|Wu Jia]成了第一位乘客。",
        "By staff reporter Zhang Min and correspondent Huang Hai: A new Shenzhen metro line officially opened yesterday, and resident Wu Jia became its first passenger.",
    ),
    (
        "主持人 [杨帆|chinese|Yang Fan] 在节目中采访了作家[麦家|penname|Mai Jia]，嘉宾[许文|chinese|Xu Wen]也参与了讨论。",
        "Host Yang Fan interviewed the writer Mai Jia on the program, and guest Xu Wen joined the discussion.",
    ),
    (
        "[司马燕|chinese|Sima Yan]和[诸葛文|chinese|Zhuge Wen]代表学校参加了全国数学竞赛，指导老师是[上官红|chinese|Shangguan Hong]。",
        "Sima Yan and Zhuge Wen represented their school in the national math competition, coached by their teacher Shangguan Hong.",
    ),
    (
        "[高峰|chinese|Gao Feng]和妻子[孙悦|chinese|Sun Yue]每天提前一小时出门，就是为了避开早高峰。",
        "Gao Feng and his wife Sun Yue leave home an hour early every day just to avoid the morning rush hour.",
    ),
    (
        "[金晓东|chinese|Jin Xiaodong]穿着一件金色外套走上舞台，台下的[周一鸣|chinese|Zhou Yiming]和[欧阳倩|chinese|Ouyang Qian]带头鼓起掌来。",
        "Jin Xiaodong walked onto the stage in a gold jacket, and Zhou Yiming and Ouyang Qian, in the audience, led the applause.",
    ),
    (
        "看到有老人摔倒，[马丽|chinese|Ma Li]马上打电话叫了救护车，[林立|chinese|Lin Li]和丈夫[陈刚|chinese|Chen Gang]则留在原地陪着他。",
        "When she saw an elderly man fall, Ma Li immediately called an ambulance, while Lin Li and her husband Chen Gang stayed with him.",
    ),
    # ---- pen names, nicknames, forms of address ----
    (
        "[莫言|penname|Mo Yan]和[老舍|penname|Lao She]都写过很多关于家乡的故事，而陪伴[林小雨|chinese|Lin Xiaoyu]度过大学时代的却是[三毛|penname|Sanmao]的书。",
        "Mo Yan and Lao She both wrote many stories about their hometowns, but the books that kept Lin Xiaoyu company through college were Sanmao's.",
    ),
    (
        "网友“[夜行猫|penname|Night Cat]”在{微博|org}上发帖说，她在{丽江|place}丢了钱包，后来被[老周|address|Lao Zhou]捡到送了回来。",
        "A netizen going by “Night Cat” posted on Weibo that she had lost her wallet in Lijiang and that Lao Zhou later found it and returned it.",
    ),
    (
        "[小王|address|Xiao Wang]，你马上把这份文件送到[老李|address|Lao Li]办公室去，[老张|address|Lao Zhang]在那儿等你。",
        "Xiao Wang, take this document to Lao Li's office right away; Lao Zhang is waiting for you there.",
    ),
    (
        "青年作家[南山客|penname|Nanshanke]的新书上市第一周就卖出五万册，出版社编辑[小陈|address|Xiao Chen]说这远超预期。",
        "Young writer Nanshanke's new book sold 50,000 copies in its first week, which editor Xiao Chen said far exceeded expectations.",
    ),
    # ---- Japanese names ----
    (
        "[山田太郎|japanese|Taro Yamada]是一名来自{大阪|place}的工程师，现在和同事[张伟|chinese|Zhang Wei]、[小林|japanese|Kobayashi]一起在{苏州|place}工作。",
        "Taro Yamada is an engineer from Osaka who now works in Suzhou with his colleagues Zhang Wei and Kobayashi.",
    ),
    (
        "[田中|japanese|Tanaka]教授说，[高桥健一|japanese|Kenichi Takahashi]是他带过的最优秀的学生，如今和[佐藤美咲|japanese|Misaki Sato]一起在{东京|place}的一家出版社工作。",
        "Professor Tanaka said Kenichi Takahashi was the best student he had ever taught; he now works at a Tokyo publishing house alongside Misaki Sato.",
    ),
    # ---- mixed ----
    (
        "[安娜|translit|Anna]和[卡尔|translit|Carl]在{北京|place}学了两年中文，老师[何静|chinese|He Jing]说他们进步很快，室友[刘洋|chinese|Liu Yang]还常带他们去吃川菜。",
        "Anna and Carl studied Chinese in Beijing for two years; their teacher He Jing says they have made rapid progress, and their roommate Liu Yang often takes them out for Sichuan food.",
    ),
    (
        "孩子们都叫她[罗斯|translit|Rose]阿姨，她在[张伟|chinese|Zhang Wei]和[李梅|chinese|Li Mei]家已经工作五年了。",
        "The children all call her Auntie Rose; she has worked for Zhang Wei and Li Mei's family for five years.",
    ),
    (
        "[安德森|translit|Anderson]教授和[李娜|chinese|Li Na]合写的论文上个月发表了，[铃木|japanese|Suzuki]和[渡边|japanese|Watanabe]也参与了数据分析。",
        "The paper co-written by Professor Anderson and Li Na was published last month, and Suzuki and Watanabe also helped with the data analysis.",
    ),
    # ---- no person names: precision sentences ----
    (
        "请大家马上离开大楼，注意安全。",
        "Everyone, please leave the building immediately and stay safe.",
    ),
    (
        "阿姨给我们盛了一大碗米饭，还炒了两个小菜。",
        "Auntie served us a big bowl of rice and stir-fried two side dishes.",
    ),
    (
        "今年暑假，{丽江|place}接待的游客数量达到了历史最高水平。",
        "This summer, the number of tourists visiting Lijiang reached an all-time high.",
    ),
    (
        "早上七点到九点是地铁的高峰期，最好错开时间出行。",
        "Seven to nine in the morning is rush hour on the subway, so it's best to travel at a different time.",
    ),
    ("我们利用周末去爬了{万里长城|place}。", "We made use of the weekend to climb the Great Wall."),
    (
        "秋天的麦田一片金色，吸引了很多摄影爱好者。",
        "In autumn the wheat fields turn golden, drawing many amateur photographers.",
    ),
    (
        "{华为|org}周四在{伦敦|place}发布了一款新手机。",
        "Huawei launched a new phone in London on Thursday.",
    ),
    (
        "这种尼龙绳很结实，可以用来搭帐篷。",
        "This nylon rope is very strong and can be used to put up a tent.",
    ),
    (
        "只要克服眼前的困难，我们一定能达到目标。",
        "As long as we overcome the difficulties in front of us, we will reach our goal.",
    ),
    (
        "该省林业部门计划明年再种植一万亩树林。",
        "The province's forestry department plans to plant another 10,000 mu of forest next year.",
    ),
    (
        "{联合国|org}总部设在{纽约|place}，{世界卫生组织|org}总部则在{日内瓦|place}。",
        "The United Nations is headquartered in New York, while the World Health Organization is based in Geneva.",
    ),
    (
        "从{北京|place}飞往{符拉迪沃斯托克|place}的航班每周有三班。",
        "There are three flights a week from Beijing to Vladivostok.",
    ),
    (
        "{美国广播公司|org}周日晚上播出了一部关于{华盛顿|place}历史的纪录片。",
        "ABC aired a documentary about the history of Washington on Sunday evening.",
    ),
    (
        "{克里姆林宫|place}周一发表声明，称{莫斯科|place}愿意继续谈判。",
        "The Kremlin issued a statement on Monday saying that Moscow was willing to continue negotiations.",
    ),
    (
        "高铁开通以后，从{上海|place}到{杭州|place}只需要四十多分钟，{马来西亚|place}游客也常坐这趟车。",
        "Since the high-speed rail line opened, the trip from Shanghai to Hangzhou takes just over forty minutes, and tourists from Malaysia often take the train too.",
    ),
]

TOKEN = re.compile(r"\[([^|\]]+)\|([a-z]+)\|([^\]]*)\]|\{([^|}]+)\|([a-z]+)\}")


def parse(marked):
    out, names, other, pos = [], [], [], 0
    for m in TOKEN.finditer(marked):
        out.append(marked[pos : m.start()])
        start = sum(len(s) for s in out)
        if m.group(1):
            names.append({"text": m.group(1), "start": start, "kind": m.group(2), "en": m.group(3)})
            out.append(m.group(1))
        else:
            other.append({"text": m.group(4), "start": start, "kind": m.group(5)})
            out.append(m.group(4))
        pos = m.end()
    out.append(marked[pos:])
    zh = "".join(out)
    assert not re.search(r"[\[\]{}|]", zh), zh
    return zh, names, other


def main():
    items = []
    for i, (marked, en) in enumerate(SENTS, 1):
        zh, names, other = parse(marked)
        items.append({"id": f"n{i:02d}", "zh": zh, "en": en, "names": names, "other": other})
    out = pathlib.Path(__file__).with_name("names.json")
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(items)} items to {out}")


if __name__ == "__main__":
    main()
