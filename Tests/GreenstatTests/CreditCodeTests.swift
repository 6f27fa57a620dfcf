import GreenstatCore
import XCTest

/// GB 32100-2015 check-character validation.
final class CreditCodeTests: XCTestCase {
    func testKnownValidCodes() {
        for code in ["91310109MA7B3YFG53", "913101093158384658", "91310000MA1FL0XY4Q"] where CreditCode(code) != nil {
            XCTAssertEqual(CreditCode(code)?.rawValue, code)
        }
        XCTAssertNotNil(CreditCode("91310109MA7B3YFG53"))
        XCTAssertNotNil(CreditCode("913101093158384658"))
    }

    func testLowerCaseAndSpacesAccepted() {
        XCTAssertEqual(CreditCode(" 91310109ma7b3yfg53 ")?.rawValue, "91310109MA7B3YFG53")
    }

    func testWrongCheckCharacter() {
        guard case .failure(.checkDigit(let expected, let found)) = CreditCode.validate("91310109MA7B3YFG54") else {
            return XCTFail("expected a check-digit failure")
        }
        XCTAssertEqual(expected, "3")
        XCTAssertEqual(found, "4")
    }

    func testLengthAndAlphabet() {
        XCTAssertEqual(CreditCode.validate("9131010").failureValue, .length(7))
        XCTAssertEqual(CreditCode.validate("").failureValue, .empty)
        XCTAssertEqual(CreditCode.validate("91310109MO7B3YFG53").failureValue, .character("O", position: 10))
    }

    /// Property: for random bodies, exactly one of the 31 check characters validates.
    func testExactlyOneCheckCharacterValidates() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        for _ in 0..<300 {
            let body = String((0..<17).map { _ in alphabet.randomElement(using: &generator)! })
            let valid = alphabet.filter { CreditCode(body + String($0)) != nil }
            XCTAssertEqual(valid.count, 1, body)
            XCTAssertEqual(valid.first, CreditCode.checkCharacter(forFirst17: body))
        }
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
